"""A small W3C WebDriver client over Debian's chromedriver, for the browser tests.

Only the standard library: chromedriver is started on a loopback port, Chromium headless with
the flags this machine's closed network needs and a new empty profile. Every call waits
for its answer; `wait_for` polls a condition with a deadline, so no test sleeps blindly.
"""
import base64
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
]


class WebDriverError(RuntimeError):
    pass


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, log_path, chromium="/usr/bin/chromium", driver="/usr/bin/chromedriver",
                 width=1280, height=900):
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="kivals-chromium-")
        self.log = open(log_path, "ab")
        self.driver = subprocess.Popen([driver, f"--port={self.port}"], stdout=self.log,
                                       stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 20
        while True:
            try:
                if self._call("GET", "/status")["ready"]:
                    break
            except (OSError, WebDriverError):
                pass
            if time.time() > deadline:
                raise WebDriverError("chromedriver did not start")
            time.sleep(0.1)
        args = CHROMIUM_ARGS + [f"--user-data-dir={self.profile}",
                                f"--window-size={width},{height}"]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return json.load(answer).get("value")
        except urllib.error.HTTPError as e:
            raise WebDriverError(f"{method} {path}: {e.code} {e.read()[:300]!r}") from None

    def _s(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def close(self):
        try:
            self._s("DELETE", "")
        finally:
            self.driver.terminate()
            self.driver.wait(10)
            self.log.close()

    # Pages
    def get(self, url):
        self._s("POST", "/url", {"url": url})

    def url(self):
        return self._s("GET", "/url")

    def size(self, width, height):
        self._s("POST", "/window/rect", {"width": width, "height": height})

    def script(self, source, *args):
        return self._s("POST", "/execute/sync", {"script": source, "args": list(args)})

    def screenshot(self, path):
        # The whole page, not only the window: make the window as tall as the document first.
        with open(path, "wb") as f:
            f.write(base64.b64decode(self._s("GET", "/screenshot")))

    def full_screenshot(self, path, width):
        height = self.script("return Math.ceil(document.documentElement.scrollHeight);")
        self.size(width, min(max(int(height) + 120, 400), 8000))
        self.screenshot(path)

    # Elements
    def find(self, css):
        return self._s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css):
        return [e[ELEMENT] for e in
                self._s("POST", "/elements", {"using": "css selector", "value": css})]

    def click(self, css):
        self._s("POST", f"/element/{self.find(css)}/click", {})

    def type(self, css, text, clear=True):
        element = self.find(css)
        if clear:
            self._s("POST", f"/element/{element}/clear", {})
        self._s("POST", f"/element/{element}/value", {"text": text})

    def text(self, css):
        return self._s("GET", f"/element/{self.find(css)}/text")

    def attribute(self, css, name):
        return self._s("GET", f"/element/{self.find(css)}/attribute/{name}")

    def source(self):
        return self._s("GET", "/source")

    def wait_for(self, what, condition, timeout=60):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                last = condition()
                if last:
                    return last
            except WebDriverError as e:
                last = e
            time.sleep(0.2)
        raise WebDriverError(f"timed out waiting for {what} (last: {last!r})")
