#!/usr/bin/env python3
"""Checks the HTML page of `mentionmap render` in headless Chromium, over the DevTools protocol.

It renders the seed articles (or a layer given with --layer) to an HTML page, opens it in
Chromium with no network, and checks that: the page loads with no console error and no
uncaught exception; there is one circle per place (as many as the page's data and the table's
rows); hovering a circle shows its tooltip; clicking a column header sorts the table; and a
screenshot is not blank. The screenshot is left beside the page to be looked at.

Needs Debian's chromium (apt-get install -y chromium). Only the Python standard library is used
(a minimal WebSocket client is below).

    cargo build --release
    python3 scripts/chromium_check.py [--bin target/release/mentionmap] [--layer IN.geojson]
        [--seeds ../shared/corpus/seeds] [--out DIR]
"""
import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, client masking."""

    def __init__(self, host, port, path):
        self.sock = socket.create_connection((host, port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("WebSocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"WebSocket handshake refused: {head[:80]!r}")

    def _exact(self, n):
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("WebSocket closed")
            buf += chunk
        return bytes(buf)

    def send(self, text):
        data = text.encode()
        head = bytearray([0x81])
        n = len(data)
        if n < 126:
            head.append(0x80 | n)
        elif n < 1 << 16:
            head.append(0x80 | 126)
            head += struct.pack(">H", n)
        else:
            head.append(0x80 | 127)
            head += struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(bytes(head) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise RuntimeError("WebSocket closed by Chromium")
            if opcode in (0x0, 0x1, 0x2):
                message += payload
                if b0 & 0x80:
                    return message.decode()


class DevTools:
    """Commands and events of one page target."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e["method"] == method:
                    return self.events.pop(i)
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
        raise RuntimeError(f"timed out waiting for {method}")

    def evaluate(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate failed: {r['exceptionDetails']}")
        return r["result"].get("value")


def png_distinct_bytes(png):
    """How many distinct byte values the PNG's decompressed pixel data holds (a blank page has
    very few)."""
    pos, idat = 8, b""
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + n]
        pos += 12 + n
    return len(set(zlib.decompress(idat)))


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("chromium not found: apt-get install -y chromium")


def start_chromium(profile):
    args = [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--log-level=3",
            f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 30
    while time.time() < deadline:
        if os.path.exists(port_file):
            lines = open(port_file).read().split()
            if len(lines) >= 2:
                return proc, int(lines[0])
        time.sleep(0.1)
    proc.kill()
    sys.exit("Chromium did not open its DevTools port")


def page_socket(port):
    """The WebSocket of the first page target."""
    deadline = time.time() + 15
    while time.time() < deadline:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(f"GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data:
            data += s.recv(65536)
        head, body = data.split(b"\r\n\r\n", 1)
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        while len(body) < length:
            body += s.recv(65536)
        s.close()
        targets = json.loads(body)
        pages = [t for t in targets if t.get("type") == "page"]
        if pages:
            url = pages[0]["webSocketDebuggerUrl"]
            path = url.split(f":{port}", 1)[1]
            return WebSocket("127.0.0.1", port, path)
        time.sleep(0.2)
    sys.exit("no page target in Chromium")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mentionmap"))
    ap.add_argument("--seeds", default=os.path.join(ROOT, "..", "shared", "corpus", "seeds"))
    ap.add_argument("--layer", help="a GeoJSON layer to render (default: count the seeds)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="chromium-check-")
    os.makedirs(out, exist_ok=True)
    layer = args.layer
    if not layer:
        layer = os.path.join(out, "seeds.geojson")
        subprocess.run([args.bin, "count", "-q", args.seeds, "-o", layer], check=True)
    page = os.path.join(out, "map.html")
    subprocess.run([args.bin, "render", layer, "-o", page, "--title", "Seed articles"], check=True)
    with open(layer, encoding="utf-8") as f:
        places = {(ft["properties"].get("place_id") or ft["id"]) for ft in json.load(f)["features"]}

    failed, passed = [], 0

    def check(ok, what):
        nonlocal passed
        print(("ok   " if ok else "FAIL ") + what)
        if ok:
            passed += 1
        else:
            failed.append(what)

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    proc, port = start_chromium(profile)
    try:
        dt = DevTools(page_socket(port))
        for domain in ("Runtime", "Log", "Page"):
            dt.call(f"{domain}.enable")
        dt.call("Emulation.setDeviceMetricsOverride", width=1200, height=1000, deviceScaleFactor=1, mobile=False)
        dt.events.clear()
        dt.call("Page.navigate", url="file://" + os.path.abspath(page))
        dt.wait_for("Page.loadEventFired")
        time.sleep(0.5)
        n_circles = dt.evaluate("document.querySelectorAll('circle.place').length")
        n_data = dt.evaluate("JSON.parse(document.getElementById('places-data').textContent).length")
        n_rows = dt.evaluate("document.querySelectorAll('#places tbody tr').length")
        check(n_circles == len(places) == n_data == n_rows,
              f"one circle per place: {n_circles} circles, {len(places)} places, {n_data} data, {n_rows} rows")
        tip = dt.evaluate("""(() => {
            const c = document.querySelector('circle.place');
            const r = c.getBoundingClientRect();
            c.dispatchEvent(new MouseEvent('mouseenter', {clientX: r.x + r.width / 2, clientY: r.y + r.height / 2}));
            const t = document.getElementById('tip');
            return t.hidden ? '' : t.textContent;
        })()""")
        check("mentions" in (tip or ""), f"hover shows a tooltip: {tip!r}")
        order = dt.evaluate("""(() => {
            const th = document.querySelector('#places th[data-key="mentions"]');
            th.click();
            const v = Array.from(document.querySelectorAll('#places tbody tr')).map(r => +r.cells[3].textContent);
            return v.every((x, i) => i === 0 || v[i - 1] <= x) && v.length > 0;
        })()""")
        check(order is True, "clicking Mentions sorts the table (ascending)")
        dt.evaluate("document.querySelector('#places th[data-key=\"mentions\"]').click(); window.scrollTo(0, 0)")
        dt.evaluate("document.querySelectorAll('circle.place').forEach(c => c.dispatchEvent(new MouseEvent('mouseleave')))")
        shot = base64.b64decode(dt.call("Page.captureScreenshot", format="png")["data"])
        png = os.path.join(out, "map-screenshot.png")
        with open(png, "wb") as f:
            f.write(shot)
        distinct = png_distinct_bytes(shot)
        check(distinct > 64, f"screenshot not blank: {distinct} distinct byte values ({png})")
        errors = []
        for e in dt.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                errors.append(p["exceptionDetails"].get("text", "exception"))
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif e["method"] == "Log.entryAdded" and p["entry"].get("level") == "error":
                errors.append(p["entry"].get("text", ""))
        check(not errors, f"no console error: {errors}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"{passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
