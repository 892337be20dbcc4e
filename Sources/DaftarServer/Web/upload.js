// `/upload`: for clerks — pick or drop a folder of scans, name the batch, add metadata, watch
// each file upload and then its processing until done; failures in plain words.
let chosen = [];
const plain = {
  'done': 'Done', 'queued': 'Waiting', 'running': 'Being read', 'failed': 'Failed, will try again', 'dead': 'Failed',
  'cancelled': 'Cancelled', 'empty': 'the file is empty', 'corrupt': 'the file is damaged or cut short',
  'encrypted': 'the PDF is password-protected', 'unsupported': 'not a scan Daftar can read', 'too-large': 'the page is too large',
  'unreadable': 'the file could not be read', 'xfa': 'a fillable XFA form: print it to PDF first', 'crashed': 'the reader stopped on this file', 'timeout': 'it took too long'
};
function pick(list) {
  chosen = Array.from(list);
  document.getElementById('summary').textContent = chosen.length + ' file(s) chosen';
}
function start() {
  document.getElementById('send').addEventListener('click', send);
  document.getElementById('files').onchange = e => pick(e.target.files);
  document.getElementById('folder').onchange = e => pick(e.target.files);
  const drop = document.getElementById('drop');
  drop.ondragover = e => e.preventDefault();
  drop.ondrop = e => { e.preventDefault(); pick(e.dataTransfer.files); };
}
function upload(batchId, file, row) {
  return new Promise((resolve, reject) => {
    const name = file.webkitRelativePath || file.name;
    const x = new XMLHttpRequest();
    x.open('POST', '/api/v1/batches/' + batchId + '/files?name=' + encodeURIComponent(name));
    x.setRequestHeader('Authorization', 'Bearer ' + token());
    x.upload.onprogress = e => { if (e.lengthComputable) row.querySelector('progress').value = e.loaded / e.total; };
    x.onload = () => {
      row.querySelector('progress').value = 1;
      if (x.status === 202) resolve(JSON.parse(x.responseText));
      else reject(new Error(x.status === 413 ? 'too large to upload' : (JSON.parse(x.responseText || '{}').error || ('error ' + x.status))));
    };
    x.onerror = () => reject(new Error('the connection failed'));
    x.send(file);
  });
}
async function send() {
  const name = document.getElementById('batch').value.trim();
  if (!name) { alert('Give the batch a name.'); return; }
  if (!chosen.length) { alert('Choose some scans first.'); return; }
  const meta = {};
  for (const k of ['department', 'file_number']) { const v = document.getElementById(k).value.trim(); if (v) meta[k] = v; }
  let batch;
  try { batch = await (await api('/batches', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name, meta})})).json(); }
  catch (e) { alert(e.message); return; }
  const list = document.getElementById('list');
  const jobs = [];
  for (const file of chosen) {
    const row = document.createElement('tr');
    row.innerHTML = '<td>' + esc(file.webkitRelativePath || file.name) + '</td><td><progress max="1" value="0"></progress></td><td class="state">Uploading</td>';
    list.appendChild(row);
    try { const r = await upload(batch.id, file, row); jobs.push({id: r.job, row}); row.querySelector('.state').textContent = 'Waiting'; }
    catch (e) { row.querySelector('.state').innerHTML = '<span class="bad">Not sent: ' + esc(e.message) + '</span>'; }
  }
  follow(jobs);
}
async function follow(jobs) {
  let open = jobs.slice();
  while (open.length) {
    const next = [];
    for (const j of open) {
      const d = await (await api('/jobs/' + j.id)).json();
      const s = d.job.state, cell = j.row.querySelector('.state');
      if (s === 'dead' || s === 'cancelled') {
        cell.innerHTML = '<span class="bad">Failed: ' + esc(plain[d.job.errorKind] || d.job.error || d.job.errorKind) + '</span>';
      } else if (s === 'done') {
        cell.innerHTML = '<span class="ok">Done</span> (' + (d.job.pages || 0) + ' page(s))';
      } else { cell.textContent = plain[s] || s; next.push(j); }
    }
    open = next;
    document.getElementById('summary').textContent = (jobs.length - open.length) + ' of ' + jobs.length + ' finished';
    if (open.length) await new Promise(r => setTimeout(r, 1000));
  }
  document.getElementById('summary').textContent = 'All ' + jobs.length + ' finished';
}
