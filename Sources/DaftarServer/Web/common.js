// Shared by every page: the API token (asked for once, kept in this browser's localStorage,
// sent as a bearer token), API calls, and escaping.
const tokenKey = 'daftar-token';
function token() { return localStorage.getItem(tokenKey); }
function askToken(message) {
  document.getElementById('login').hidden = false;
  document.getElementById('app').hidden = true;
  document.getElementById('login-message').textContent = message || '';
}
function saveToken() {
  localStorage.setItem(tokenKey, document.getElementById('token-input').value.trim());
  location.reload();
}
async function api(path, options) {
  options = options || {};
  options.headers = Object.assign({'Authorization': 'Bearer ' + token()}, options.headers || {});
  const r = await fetch('/api/v1' + path, options);
  if (r.status === 401) { askToken('That token was not accepted. Paste a valid token.'); throw new Error('401'); }
  if (r.status === 403) { throw new Error('This token may not do that (its role is too narrow).'); }
  return r;
}
function esc(s) { return String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c])); }
// A snippet from the search API: escaped, its matches (between « and ») marked.
function marked(snippet) { return esc(snippet).replace(/«/g, '<mark>').replace(/»/g, '</mark>'); }
// Right-to-left text (Urdu) is shown right to left.
function direction(text) { return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(text || '') && !/[A-Za-z]{3}/.test(text || '') ? 'rtl' : 'auto'; }
// The words of a query, without its operators, quotes, brackets and prefix stars.
function queryWords(q) {
  return (q || '').replace(/["()*]/g, ' ').split(/\s+/).filter(w => w && !['AND', 'OR', 'NOT'].includes(w));
}
// Fetches an API file with the token and lets the browser save it.
async function download(path, name) {
  const r = await api(path);
  if (!r.ok) { alert('Cannot download: ' + ((await r.json().catch(() => ({}))).error || r.status)); return null; }
  const blob = await r.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob); a.download = name; document.body.appendChild(a); a.click(); a.remove();
  return blob;
}
const fieldNames = {type: 'Type', number: 'Number', date: 'Date', subject: 'Subject', office: 'Office'};
