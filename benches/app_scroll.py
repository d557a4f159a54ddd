"""Scrolls the Log's timeline of the real app and reports its frame times, for
benches/app.sh: "the lists stay smooth at 100k" as figures, not as an impression.

    python3 benches/app_scroll.py OUT_DIR APP DB [--rounds N]

Starts tauri-driver (which starts WebKitWebDriver and the app, with the app's own
database and XDG folders under OUT_DIR), waits for the first rows, then runs a
script in the page that moves the timeline down by a fixed number of pixels every
animation frame and notes each frame's time and whether the middle of the list
showed a row (a blank frame: rows not rendered yet, or a page of wins not in yet).
Two speeds: a steady wheel (40 px a frame, about 2,400 px a second at 60 frames a
second) and a fast fling (160 px a frame); SCROLL_SPEEDS='[["name", px], ...]'
sets others. Each round starts a fresh app. Writes
OUT_DIR/scroll.json (samples) and OUT_DIR/scroll.md (the table). Needs a DISPLAY,
tauri-driver and WebKitWebDriver (.ci/setup installs them). Standard library only.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from app_run import write_table

FRAMES = 300
SPEEDS = tuple(json.loads(os.environ["SCROLL_SPEEDS"])) if os.environ.get("SCROLL_SPEEDS") else (("wheel", 40), ("fling", 160))
# A frame that takes longer than two 60 Hz intervals is one a person sees stutter.
LONG_MS = 1000 / 60 * 2

SCROLL_SCRIPT = """
const [step, frames, done] = arguments;
const list = document.querySelector("[data-testid=timeline]");
const box = list.getBoundingClientRect();
const times = [];
let blank = 0;
let last = 0;
// By geometry, not hit testing: the list turns pointer events off while it scrolls.
const middle = box.top + box.height / 2;
const showsRow = () =>
  [...list.querySelectorAll("[data-testid=win-item], h2")].some((e) => {
    const r = e.getBoundingClientRect();
    return r.top <= middle && r.bottom >= middle && getComputedStyle(e).visibility !== "hidden";
  });
const tick = (t) => {
  if (last) times.push(t - last);
  last = t;
  if (!showsRow()) blank++;
  if (times.length >= frames) {
    done({ times, blank, top: list.scrollTop, rows: document.querySelectorAll("[data-testid=win-item]").length });
    return;
  }
  list.scrollTop += step;
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body=None, timeout=90):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"null")


def wait_port(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def one_round(out, app, db, r):
    """Starts a fresh app through tauri-driver, scrolls at each speed, ends it all."""
    home = os.path.join(out, f"scroll-{r}")
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    ledger = os.path.join(home, "caliber.db")
    shutil.copy(db, ledger)
    port, native = free_port(), free_port()
    env = {
        **os.environ,
        "CALIBER_DB": ledger,
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
    }
    log = open(os.path.join(home, "driver.log"), "w")
    driver = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(native)],
        env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        # tauri-driver listens at once; WebKitWebDriver behind it a moment later.
        wait_port(port, 15)
        wait_port(native, 15)
        caps = {"browserName": "wry", "tauri:options": {"application": app}}
        sid = call(port, "POST", "/session", {"capabilities": {"alwaysMatch": caps}})["value"]["sessionId"]
        call(port, "POST", f"/session/{sid}/timeouts", {"script": 120_000})
        deadline = time.monotonic() + 30
        last = None
        while True:
            # While the page loads the driver may drop a request: ask again, as the
            # end-to-end tests do, until the deadline.
            try:
                found = call(port, "POST", f"/session/{sid}/elements", {"using": "css selector", "value": "[data-testid=win-item]"})
                if found["value"]:
                    break
            except (OSError, http.client.HTTPException) as e:
                last = e
            if time.monotonic() > deadline:
                raise RuntimeError(f"no rows in the Log after 30 s (last error: {last})")
            time.sleep(0.2)
        # Let the start's deferred work (tray, shortcut, capture window) settle first.
        time.sleep(2.0)
        results = {}
        for name, step in SPEEDS:
            call(port, "POST", f"/session/{sid}/execute/sync", {"script": 'document.querySelector("[data-testid=timeline]").scrollTop = 0', "args": []})
            time.sleep(1.0)
            results[name] = call(port, "POST", f"/session/{sid}/execute/async", {"script": SCROLL_SCRIPT, "args": [step, FRAMES]}, timeout=150)["value"]
        call(port, "DELETE", f"/session/{sid}")
        return results
    finally:
        # The driver's whole session: tauri-driver, WebKitWebDriver, the app and its WebKit processes.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(driver.pid, sig)
            except ProcessLookupError:
                pass
            try:
                driver.wait(timeout=3)
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    out, app, db = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    samples = []
    for r in range(rounds):
        res = one_round(out, app, db, r)
        samples.append(res)
        for name, _ in SPEEDS:
            t = res[name]["times"]
            print(
                f"scroll: round {r + 1}/{rounds} {name}: median {statistics.median(t):.1f} ms, "
                f"p95 {pct(t, 95):.1f} ms, max {max(t):.1f} ms, blank {res[name]['blank']} of {len(t)}",
                file=sys.stderr,
            )
    with open(os.path.join(out, "scroll.json"), "w") as f:
        json.dump(samples, f)
    lines = [
        f"| speed | px a frame | frames (all rounds) | median frame | p95 | p99 | max | frames over {LONG_MS:.0f} ms | blank frames | scrolled (px, last round) | rows in the page at the end |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, step in SPEEDS:
        t = [x for s in samples for x in s[name]["times"]]
        long = sum(1 for x in t if x > LONG_MS)
        blank = sum(s[name]["blank"] for s in samples)
        last = samples[-1][name]
        lines.append(
            f"| {name} | {step} | {len(t)} | {statistics.median(t):.1f} ms | {pct(t, 95):.1f} ms | "
            f"{pct(t, 99):.1f} ms | {max(t):.1f} ms | {long} ({100 * long / len(t):.1f}%) | {blank} | "
            f"{last['top']:.0f} | {last['rows']} |"
        )
    write_table(out, "scroll.md", lines)


if __name__ == "__main__":
    main()
