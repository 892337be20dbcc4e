// `/review`: the doubtful and unreadable pages, each with its image, reason and source name,
// filterable by batch; an operator marks a page checked (kept in the journal).
async function check(doc, page, button) {
  button.disabled = true;
  const r = await api('/review/' + doc + '/' + page + '/checked', {method: 'POST'});
  if (r.ok) { button.textContent = 'Checked'; button.closest('section').classList.add('checked'); }
  else { button.disabled = false; alert((await r.json()).error); }
}

async function image(doc, page, holder) {
  const r = await api('/documents/' + doc + '/pages/' + page + '.png?width=500');
  if (!r.ok) return;
  const img = document.createElement('img');
  img.alt = 'page ' + page; img.src = URL.createObjectURL(await r.blob());
  holder.appendChild(img);
}

async function show() {
  const batch = document.getElementById('batch').value.trim(), hide = document.getElementById('hide-checked').checked;
  const r = await api('/review?limit=200' + (batch ? '&batch=' + encodeURIComponent(batch) : ''));
  const body = await r.json();
  if (!r.ok) { document.getElementById('summary').textContent = body.error; return; }
  const pages = body.pages.filter(p => !(hide && p.checked));
  document.getElementById('summary').textContent = pages.length + ' page(s)' + (hide ? ' not yet checked' : '');
  const list = document.getElementById('list');
  list.innerHTML = '';
  for (const p of pages) {
    const s = document.createElement('section');
    s.className = 'flagged';
    s.innerHTML = '<h2><a href="/documents/' + p.document + '?page=' + p.page + '">' + esc(p.sources[0] || p.batch) + '</a> page ' + p.page +
      ' <span class="' + (p.verdict === 'unreadable' ? 'bad' : 'doubtful') + '">' + esc(p.verdict) + '</span></h2>' +
      '<p>' + esc(p.reason || '') + '</p><div class="page"><div class="sheet" style="width: 320px"></div><div>' +
      (p.checked ? '<button disabled>Checked</button> <span class="muted">by ' + esc(p.checked.by) + '</span>'
                 : '<button class="check">Mark checked</button>') + '</div></div>';
    list.appendChild(s);
    const b = s.querySelector('.check');
    if (b) b.addEventListener('click', () => check(p.document, p.page, b));
    image(p.document, p.page, s.querySelector('.sheet'));
  }
}

function start() {
  const u = new URLSearchParams(location.search);
  document.getElementById('batch').value = u.get('batch') || '';
  document.getElementById('show').addEventListener('click', () => show());
  document.getElementById('hide-checked').addEventListener('change', () => show());
  show().catch(e => alert(e.message));
}
