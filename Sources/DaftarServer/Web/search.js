// `/search`: the archive's text, filtered by batch, department, the record's own type,
// number and date, and the page verdict; 20 results a page; each result opens the document
// with the query's words marked.
const perPage = 20;
let pageIndex = 0;
const filterFields = ['batch', 'department', 'type', 'number', 'from', 'to', 'quality'];

function params() {
  const p = new URLSearchParams();
  p.set('q', document.getElementById('q').value.trim());
  for (const f of filterFields) {
    const v = document.getElementById(f).value.trim();
    if (v) p.set({from: 'date_from', to: 'date_to'}[f] || f, v);
  }
  return p;
}

function fieldLine(fields) {
  const parts = ['type', 'number', 'date', 'subject'].filter(k => fields && fields[k]).map(k => fieldNames[k] + ': ' + esc(fields[k]));
  return parts.length ? '<div class="fields muted">' + parts.join(' · ') + '</div>' : '';
}

// A reference number typed into the query box ("SO(Admn)/FD/1-12/2023") is a number to
// look up, not words.
function numberTyped() {
  const box = document.getElementById('q'), v = box.value.trim();
  if (/^[^\s"]*\d[^\s"]*$/.test(v) && /[\/()]/.test(v) && /[A-Za-z]/.test(v)) {
    document.getElementById('number').value = v; box.value = '';
  }
}

async function run(keepPage) {
  numberTyped();
  const p = params();
  if (!p.get('q') && !['number', 'type', 'date_from', 'date_to'].some(k => p.get(k))) {
    document.getElementById('summary').textContent = 'Type a query, or choose a type, a number or dates.'; return;
  }
  if (!keepPage) pageIndex = 0;
  history.replaceState(null, '', '/search?' + p.toString() + (pageIndex ? '&page=' + (pageIndex + 1) : ''));
  p.set('limit', String((pageIndex + 1) * perPage + 1));
  const started = performance.now();
  const r = await api('/search?' + p.toString());
  const body = await r.json();
  if (!r.ok) {
    document.getElementById('summary').innerHTML = '<span class="bad">' + esc(body.error || ('error ' + r.status)) + '</span>';
    document.getElementById('results').innerHTML = '';
    return;
  }
  const all = body.results, shown = all.slice(pageIndex * perPage, (pageIndex + 1) * perPage);
  const ms = Math.round(performance.now() - started);
  document.getElementById('summary').textContent = all.length === 0 ? 'No pages match.' :
    'Results ' + (pageIndex * perPage + 1) + '–' + (pageIndex * perPage + shown.length) + (all.length > (pageIndex + 1) * perPage ? ' of more' : '') +
    (body.moreMatches ? ' (the query matches more than ' + body.ranked + ' pages: these are the best of the newest)' : '') + ' · ' + ms + ' ms';
  const q = encodeURIComponent(p.get('q'));
  document.getElementById('results').innerHTML = shown.map(h =>
    '<tr><td><a class="hit" href="/documents/' + h.document + '?q=' + q + '&page=' + h.page + '">' + esc(h.batch + '/' + h.name) + '</a>' +
    ' <span class="muted">page ' + h.page + ' · ' + esc(h.method) + '</span>' + fieldLine(h.fields) +
    '<p class="snippet" dir="' + direction(h.snippet) + '">' + marked(h.snippet) + '</p></td></tr>').join('');
  document.getElementById('prev').disabled = pageIndex === 0;
  document.getElementById('next').disabled = all.length <= (pageIndex + 1) * perPage;
  document.getElementById('where').textContent = 'page ' + (pageIndex + 1);
}

function start() {
  const u = new URLSearchParams(location.search);
  document.getElementById('q').value = u.get('q') || '';
  for (const f of filterFields) {
    const v = u.get({from: 'date_from', to: 'date_to'}[f] || f);
    if (v) document.getElementById(f).value = v;
  }
  pageIndex = Math.max(0, (parseInt(u.get('page') || '1', 10) || 1) - 1);
  document.getElementById('form').addEventListener('submit', e => { e.preventDefault(); run(false).catch(err => alert(err.message)); });
  document.getElementById('prev').addEventListener('click', () => { pageIndex = Math.max(0, pageIndex - 1); run(true); });
  document.getElementById('next').addEventListener('click', () => { pageIndex += 1; run(true); });
  if (u.get('q')) run(true).catch(() => {});
}
