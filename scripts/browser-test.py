#!/usr/bin/env python3
"""Drives Debian's chromium over the DevTools protocol, as a clerk and an operator would:
opens /upload, signs in with a token, picks scans in the file input, names the batch,
uploads, waits until every file reads "Done", then opens / (the operators' page). Saves a
screenshot of each page. Exit 0 only if every file finished and the dashboard counts them.

With --archive NUMBER PHRASE WORD (after the files): then, as someone using the archive,
finds a document on /search by its reference number and by a phrase, opens it, sees WORD
marked on the page image and in the text, and downloads its searchable PDF; and opens
/review.

usage: browser-test.py BASE_URL TOKEN BATCH SCREENSHOT_DIR FILE... [--archive NUMBER PHRASE WORD]
"""
import base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request
import websocket

base, token, batch, outdir, *files = sys.argv[1:]
archive = None
if "--archive" in files:
    i = files.index("--archive")
    archive, files = files[i + 1:i + 4], files[:i]
os.makedirs(outdir, exist_ok=True)

s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
profile = tempfile.mkdtemp(prefix="daftar-chromium-")
# Chromium's own temporary files go inside the profile, so that removing it leaves nothing.
os.makedirs(profile + "/tmp")
# Chromium's own messages go to SCREENSHOT_DIR/chromium.log, quoted when a wait times out.
chrome_log_path = os.path.join(outdir, "chromium.log")
chrome_log = open(chrome_log_path, "w")
chrome = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "--window-size=1200,1000",
                           "about:blank"], stdout=chrome_log, stderr=subprocess.STDOUT,
                          env=dict(os.environ, TMPDIR=profile + "/tmp"))
try:
    for _ in range(100):
        try:
            pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
            target = next(p for p in pages if p["type"] == "page")
            break
        except Exception:
            time.sleep(0.2)
    else:
        sys.exit("chromium did not start")
    ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
    counter = [0]

    def call(method, **params):
        counter[0] += 1
        ws.send(json.dumps({"id": counter[0], "method": method, "params": params}))
        while True:
            m = json.loads(ws.recv())
            if m.get("id") == counter[0]:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})

    def js(expression):
        r = call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait(expression, seconds, what):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if js(expression):
                    return
            except Exception:
                pass
            time.sleep(0.3)
        # What the page showed, and Chromium's last words: enough to tell a refused token, a
        # page that never loaded and a browser that stopped answering apart.
        try:
            shown = js("location.href + ' | ' + document.readyState + ' | login ' + "
                       "(document.getElementById('login') || {}).hidden + ', app ' + (document.getElementById('app') || {}).hidden + "
                       "' | ' + ((document.getElementById('login-message') || {}).textContent || '')")
        except Exception as e:
            shown = f"no answer from the page ({e})"
        chrome_log.flush()
        with open(chrome_log_path, errors="replace") as f:
            # (Its complaints that a container has no D-Bus say nothing.)
            tail = [line for line in f.read().splitlines() if "dbus" not in line][-20:]
        sys.exit(f"timed out waiting for {what}; the page: {shown}; chromium said:\n" + "\n".join(tail))

    def goto(url):
        call("Page.navigate", url=url)
        wait("document.readyState === 'complete' && !!document.getElementById('app')", 30, url)

    def screenshot(name):
        data = call("Page.captureScreenshot", format="png")["data"]
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(base64.b64decode(data))

    call("Page.enable"); call("Runtime.enable"); call("DOM.enable")
    goto(base + "/upload")
    assert js("document.getElementById('login').hidden === false"), "the page must ask for a token first"
    js(f"document.getElementById('token-input').value = {json.dumps(token)}; document.getElementById('token-save').click()")
    time.sleep(0.5)
    wait("document.readyState === 'complete' && document.getElementById('app').hidden === false", 30, "the signed-in page")
    js(f"document.getElementById('batch').value = {json.dumps(batch)}; document.getElementById('department').value = 'revenue'")
    root = call("DOM.getDocument")["root"]["nodeId"]
    node = call("DOM.querySelector", nodeId=root, selector="#files")["nodeId"]
    call("DOM.setFileInputFiles", nodeId=node, files=[os.path.abspath(f) for f in files])
    wait(f"document.getElementById('summary').textContent === '{len(files)} file(s) chosen'", 10, "the files to be chosen")
    js("document.getElementById('send').click()")
    wait(f"document.getElementById('summary').textContent === 'All {len(files)} finished'", 180, "every file to finish")
    states = js("Array.from(document.querySelectorAll('#list .state')).map(c => c.textContent)")
    print("upload page:", states)
    screenshot("upload.png")
    if not all(s.startswith("Done") for s in states):
        sys.exit(f"not every file finished: {states}")

    goto(base + "/")
    wait(f"document.getElementById('n-done').textContent === '{len(files)}'", 30, "the dashboard to count the files")
    time.sleep(2.5)  # a second point on the chart
    screenshot("dashboard.png")
    print("dashboard: done =", js("document.getElementById('n-done').textContent"),
          "workers:", js("document.getElementById('workers').rows.length - 1"))

    if archive:
        number, phrase, word = archive
        # By its number, typed into the query box as a clerk would.
        goto(base + "/search")
        js(f"document.getElementById('q').value = {json.dumps(number)}; document.getElementById('go').click()")
        wait("document.querySelectorAll('#results a.hit').length > 0", 30, "a result for the number")
        found = js("Array.from(document.querySelectorAll('#results tr')).map(r => r.textContent)")
        print("search by number:", found)
        if len(found) != 1 or number not in found[0]:
            sys.exit(f"the number {number} did not find its one document: {found}")
        # By a phrase.
        js(f"document.getElementById('number').value = ''; document.getElementById('q').value = {json.dumps(chr(34) + phrase + chr(34))};"
           " document.getElementById('go').click()")
        wait("document.querySelectorAll('#results mark').length > 0", 30, "a result for the phrase")
        print("search by phrase:", js("document.getElementById('summary').textContent"))
        screenshot("search.png")
        # Open it, with the word to mark.
        href = js("document.querySelector('#results a.hit').getAttribute('href')")
        goto(base + href.split("?")[0] + "?q=" + urllib.parse.quote(word) + "&page=1")
        wait("document.body.dataset.ready === 'yes'", 60, "the document page")
        on_image = js("document.querySelectorAll('.sheet .hl').length")
        in_text = js("Array.from(document.querySelectorAll('.text mark')).map(m => m.textContent)")
        image_loaded = js("Array.from(document.querySelectorAll('.sheet img')).every(i => i.complete && i.naturalWidth > 0)")
        print("document page: marks on the image", on_image, "in the text", in_text, "image loaded", image_loaded)
        screenshot("document.png")
        if not on_image or not in_text or not image_loaded:
            sys.exit("the word is not marked on the page image and in its text")
        js("document.querySelector('[data-get=\"searchable.pdf\"]').click()")
        wait("!!document.querySelector('[data-get=\"searchable.pdf\"]').dataset.downloaded", 30, "the PDF download")
        got = js("document.querySelector('[data-get=\"searchable.pdf\"]').dataset.downloaded")
        print("download:", got)
        size, kind = got.split(" ", 1)
        if int(size) < 1000 or kind != "application/pdf":
            sys.exit(f"the PDF download is not a PDF: {got}")
        goto(base + "/review")
        wait("document.getElementById('summary').textContent.includes('page(s)')", 30, "the review page")
        print("review:", js("document.getElementById('summary').textContent"))
        screenshot("review.png")
finally:
    chrome.terminate()
    chrome.wait()
    chrome_log.close()
    shutil.rmtree(profile, ignore_errors=True)
