// `/documents/ID`: each page as an image beside its recognised text, the query's words
// marked on both, each page's method, confidence and verdict, the record's fields, and
// downloads.
const id = (location.pathname.match(/\/documents\/(\d+)/) || [])[1];
let record = null, texts = [];
const names = {'original': null, 'searchable.pdf': 'searchable.pdf', 'text': 'text.txt', 'alto': 'alto.json', 'json': 'document.json'};

function markText(text, words) {
  let html = esc(text);
  for (const w of words) {
    const pattern = esc(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    html = html.replace(new RegExp('(' + pattern + ')', 'giu'), '<mark>$1</mark>');
  }
  return html;
}

async function showImage(page, sheet) {
  const r = await api('/documents/' + id + '/pages/' + page + '.png?width=' + Math.min(2400, Math.round(sheet.clientWidth * (window.devicePixelRatio || 1))));
  if (!r.ok) { sheet.innerHTML = '<p class="bad">' + esc((await r.json()).error) + '</p>'; return; }
  const img = document.createElement('img');
  img.alt = 'page ' + page;
  img.src = URL.createObjectURL(await r.blob());
  sheet.appendChild(img);
}

async function highlight() {
  const q = document.getElementById('q').value.trim(), words = queryWords(q);
  document.querySelectorAll('.hl').forEach(b => b.remove());
  for (const p of (record ? record.pages : [])) {
    const text = document.getElementById('text-' + p.number);
    if (text) text.innerHTML = markText(texts[p.number - 1] || '', words);
    if (!words.length) continue;
    const r = await api('/documents/' + id + '/pages/' + p.number + '/find?q=' + encodeURIComponent(words.join(' ')));
    if (!r.ok) continue;
    const sheet = document.getElementById('sheet-' + p.number);
    for (const b of (await r.json()).boxes) {
      const div = document.createElement('div');
      div.className = 'hl'; div.title = b.word;
      div.style.left = (b.x * 100) + '%'; div.style.top = (b.y * 100) + '%';
      div.style.width = (b.width * 100) + '%'; div.style.height = (b.height * 100) + '%';
      sheet.appendChild(div);
    }
  }
}

async function start() {
  const u = new URLSearchParams(location.search);
  document.getElementById('q').value = u.get('q') || '';
  document.getElementById('q').addEventListener('change', () => highlight());
  document.querySelectorAll('[data-get]').forEach(b => b.addEventListener('click', async () => {
    const what = b.dataset.get;
    b.dataset.downloaded = '';
    const blob = await download('/documents/' + id + '/' + what, names[what] || ('document-' + id));
    if (blob) b.dataset.downloaded = String(blob.size) + ' ' + blob.type;
  }));
  const r = await api('/documents/' + id + '/json');
  if (!r.ok) { document.getElementById('title').textContent = 'No document ' + id; return; }
  record = await r.json();
  texts = (await (await api('/documents/' + id + '/text')).text()).split('\f');
  document.getElementById('title').textContent = record.source.split('/').pop();
  document.getElementById('source').textContent = record.source + ' · ' + record.page_count + ' page(s) · ' + record.languages;
  const fields = record.fields || {};
  document.getElementById('fields').innerHTML = Object.keys(fieldNames).filter(k => fields[k]).map(k =>
    '<dt>' + fieldNames[k] + '</dt><dd dir="' + direction(fields[k].value) + '">' + esc(fields[k].value) + '</dd>').join('');
  const pages = document.getElementById('pages');
  for (const p of record.pages) {
    const verdict = (p.quality || {}).verdict || 'good';
    const section = document.createElement('section');
    section.innerHTML = '<h2>Page ' + p.number + ' <span class="muted">' + esc(p.method) +
      (p.confidence != null ? ', confidence ' + Math.round(p.confidence) : '') + ', </span><span class="' +
      (verdict === 'good' ? 'ok' : verdict === 'doubtful' ? 'doubtful' : 'bad') + '">' + esc(verdict) + '</span>' +
      ((p.quality || {}).reason ? ' <span class="muted">(' + esc(p.quality.reason) + ')</span>' : '') + '</h2>' +
      '<div class="page"><div class="sheet" id="sheet-' + p.number + '" style="width: 48%"></div>' +
      '<div class="text" id="text-' + p.number + '" dir="' + direction(texts[p.number - 1]) + '"></div></div>';
    pages.appendChild(section);
    document.getElementById('text-' + p.number).textContent = texts[p.number - 1] || '';
  }
  for (const p of record.pages) await showImage(p.number, document.getElementById('sheet-' + p.number));
  if (u.get('page')) { const s = document.getElementById('sheet-' + u.get('page')); if (s) s.scrollIntoView(); }
  await highlight();
  document.body.dataset.ready = 'yes';
}
