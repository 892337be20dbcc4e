/// The pages are plain HTML, CSS and JavaScript kept in Swift strings and served by the
/// binary: no build step. They load without a token and ask for one (kept in the browser's
/// localStorage) before they fetch any data from the API.
enum Pages {
    static let css = """
    body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f5f6f8; }
    header { background: #1f4e79; color: #fff; padding: 10px 20px; display: flex; gap: 20px; align-items: center; }
    header a { color: #dbe8f5; text-decoration: none; } header h1 { font-size: 18px; margin: 0; }
    main { padding: 16px 20px; max-width: 1100px; }
    section { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: 12px 16px; margin-bottom: 14px; }
    h2 { font-size: 16px; margin: 0 0 8px; }
    table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eceef2; }
    .num { font-size: 26px; font-weight: 600; } .cards { display: flex; gap: 12px; flex-wrap: wrap; }
    .card { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: 8px 14px; min-width: 110px; }
    .bad { color: #a4262c; } .ok { color: #107c10; } .muted { color: #6b7280; }
    button { background: #1f4e79; color: #fff; border: 0; border-radius: 4px; padding: 6px 12px; cursor: pointer; }
    input[type=text], input[type=password] { padding: 5px 8px; border: 1px solid #c4c9d2; border-radius: 4px; min-width: 260px; }
    #drop { border: 2px dashed #8aa4c1; border-radius: 8px; padding: 26px; text-align: center; background: #f0f5fb; }
    progress { width: 160px; }
    """

    /// Token handling shared by both pages: ask once, keep it, send it as a bearer token.
    static let tokenScript = """
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
    function esc(s) { return String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c])); }
    """

    static func page(title: String, body: String, script: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — Daftar</title><style>\(css)</style></head>
        <body>
        <header><h1>Daftar</h1><a href="/">Operations</a><a href="/upload">Upload scans</a></header>
        <main>
        <section id="login" hidden><h2>Sign in</h2><p id="login-message" class="bad"></p>
        <p>Paste your API token (ask an operator for one: <code>daftar tokens create</code>).</p>
        <input id="token-input" type="password" placeholder="dft_…"> <button id="token-save" onclick="saveToken()">Continue</button></section>
        <div id="app" hidden>\(body)</div>
        </main>
        <script>\(tokenScript)
        \(script)
        if (!token()) askToken(); else { document.getElementById('app').hidden = false; start(); }
        </script>
        </body></html>
        """
    }
}
