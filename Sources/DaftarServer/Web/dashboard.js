// `/`: for operators — queue depth over time, workers and what each is doing, throughput,
// recent failures with a retry button, and the dead letters.
const history = [];
function drawChart() {
  const c = document.getElementById('chart'), g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  const max = Math.max(5, ...history.map(h => h.queued + h.running));
  g.strokeStyle = '#d8dce3'; g.beginPath(); g.moveTo(0, c.height - 1); g.lineTo(c.width, c.height - 1); g.stroke();
  [['queued', '#1f4e79'], ['running', '#107c10']].forEach(([key, colour]) => {
    g.strokeStyle = colour; g.lineWidth = 2; g.beginPath();
    history.forEach((h, i) => {
      const x = c.width - 2 - (history.length - 1 - i) * (c.width - 4) / 299, y = c.height - 4 - (h[key] / max) * (c.height - 20);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  });
  g.fillStyle = '#6b7280'; g.fillText('max ' + max + '  (blue: queued, green: running; one point every 2 s since this page opened, newest on the right)', 8, 12);
}
function row(j, withRetry) {
  return '<tr><td>' + j.id + '</td><td>' + esc(j.batch + '/' + j.name) + '</td><td class="bad">' + esc(j.state) +
    '</td><td>' + esc((j.errorKind || '') + ': ' + (j.error || '')) + '</td><td>' +
    (withRetry ? '<button data-retry="' + j.id + '">Retry</button>' : '') + '</td></tr>';
}
async function retry(id) {
  try { await api('/jobs/' + id + '/retry', {method: 'POST'}); refresh(); } catch (e) { alert(e.message); }
}
async function refresh() {
  const s = await (await api('/status')).json();
  for (const k of ['queued', 'running', 'done', 'failed', 'dead']) document.getElementById('n-' + k).textContent = s[k];
  document.getElementById('n-oldest').textContent = Math.round(s.oldestQueuedSeconds) + ' s';
  document.getElementById('n-rate').textContent = s.jobsLastMinute + ' jobs, ' + s.pagesLastMinute + ' pages';
  const pages = s.pages || {};
  document.getElementById('n-check').textContent = ((pages.doubtful || 0) + (pages.unreadable || 0) - (pages.checked || 0));
  history.push({queued: s.queued, running: s.running}); if (history.length > 300) history.shift();
  drawChart();
  document.getElementById('workers').innerHTML = '<tr><th>worker</th><th>busy slots</th><th>jobs</th><th>last heard</th></tr>' +
    s.workerList.map(w => '<tr><td>' + esc(w.name) + '</td><td>' + w.busy + ' / ' + w.slots + '</td><td>' +
      (w.jobs.join(', ') || '<span class="muted">idle</span>') + '</td><td>' + w.lastSeenSeconds.toFixed(1) + ' s ago</td></tr>').join('');
  document.getElementById('failures').innerHTML = s.recentFailures.length ? s.recentFailures.map(j => row(j, j.state === 'dead')).join('')
    : '<tr><td class="muted">No failures.</td></tr>';
  const dead = await (await api('/jobs?state=dead')).json();
  document.getElementById('dead').innerHTML = dead.length ? dead.map(j => row(j, true)).join('') : '<tr><td class="muted">None.</td></tr>';
}
function start() {
  document.getElementById('app').addEventListener('click', e => {
    const id = e.target.dataset && e.target.dataset.retry;
    if (id) retry(id);
  });
  refresh().catch(() => {});
  setInterval(() => refresh().catch(() => {}), 2000);
}
