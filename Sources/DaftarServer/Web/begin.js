// Last on every page: sign in, or start the page's own script.
document.getElementById('token-save').addEventListener('click', saveToken);
if (!token()) askToken(); else { document.getElementById('app').hidden = false; start(); }
