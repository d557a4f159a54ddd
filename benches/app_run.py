"""Times the app's start for benches/app.sh: spawns each program, waits for its
"first view" line on stdout, reads the memory of the program and its WebKit
processes, ends them all, and writes the samples and a Markdown table.

    python3 benches/app_run.py OUT_DIR N NAME=CMD... [--env NAME=KEY=VALUE ...]

Each NAME=CMD is one program (the first one is the subject, the last one the
floor). The programs run alternately, the order flipped every round, after one
untimed warm-up run each. Needs Linux (/proc) and a DISPLAY.
"""

import json
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import time

MARK = b"first view"
TIMEOUT = 60.0
# The memory "after start" is read this long after the mark, once the first view
# has settled (the list's first layout, the WebKit processes' start-up).
SETTLE = 1.0


def session_pids(root):
    """Every live process of the program `root` started in a session of its own: the
    processes of that session and their descendants (WebKit's sandboxed processes
    may start sessions of their own)."""
    parent, session = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # Fields after the command (which may hold spaces) start after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if fields[0] == b"Z" and int(name) != root:
            continue
        parent[int(name)] = int(fields[1])
        session[int(name)] = int(fields[3])
    found = {pid for pid, sid in session.items() if sid == root}
    grew = True
    while grew:
        more = {pid for pid, ppid in parent.items() if ppid in found} - found
        found |= more
        grew = bool(more)
    return sorted(found)


def memory_kib(pid):
    """(VmRSS, VmHWM, Pss) of one process in KiB; zeros if it is gone."""
    rss = hwm = pss = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm, pss


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def end_session(proc):
    """SIGTERM then SIGKILL to every process of the program's session; reaps it."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in session_pids(proc.pid):
            try:
                os.kill(pid, sig)
            except OSError:
                pass
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            if proc.poll() is not None and not session_pids(proc.pid):
                return
            time.sleep(0.05)
    proc.wait()


def run_once(cmd, env):
    """One start: seconds to the mark, and memory summed over the processes."""
    t0 = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        buf = b""
        fd = proc.stdout.fileno()
        os.set_blocking(fd, False)
        while MARK not in buf:
            left = TIMEOUT - (time.monotonic() - t0)
            if left <= 0:
                raise RuntimeError(f"{cmd[0]}: no mark within {TIMEOUT:.0f} s")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    raise RuntimeError(f"{cmd[0]}: exited ({proc.wait()}) before its mark")
                buf += chunk
        elapsed = time.monotonic() - t0
        line = buf[buf.find(MARK) :].split(b"\n")[0].decode(errors="replace")
        # The page's own milestones (ms since it began to load), "name ms, ...".
        marks = {k: int(v) for k, v in re.findall(r"(\w+) (\d+)", line)}
        # The process's milestones (ms since it started), printed on a "start" line
        # before the mark.
        head = buf[: buf.find(MARK)].decode(errors="replace")
        starts = re.findall(r"start \(([^)]*)\)", head)
        process = {k: int(v) for k, v in re.findall(r"(\w+) (\d+)", starts[-1])} if starts else {}
        time.sleep(SETTLE)
        pids = session_pids(proc.pid)
        per = {pid: memory_kib(pid) for pid in pids}
        return {
            "seconds": elapsed,
            "marks": marks,
            "process": process,
            "rss_kib": sum(m[0] for m in per.values()),
            "hwm_kib": sum(m[1] for m in per.values()),
            "pss_kib": sum(m[2] for m in per.values()),
            "main_rss_kib": per.get(proc.pid, (0, 0, 0))[0],
            "processes": sorted(comm(p) for p in pids),
        }
    finally:
        end_session(proc)


def write_table(out, name, lines):
    """Writes the Markdown table `lines` to OUT_DIR/name and prints it."""
    table = "\n".join(lines) + "\n"
    with open(os.path.join(out, name), "w") as f:
        f.write(table)
    print(table)


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    programs, envs = [], {}
    args = sys.argv[3:]
    i = 0
    while i < len(args):
        if args[i] == "--env":
            name, kv = args[i + 1].split("=", 1)
            k, v = kv.split("=", 1)
            envs.setdefault(name, {})[k] = v
            i += 2
        else:
            name, cmd = args[i].split("=", 1)
            programs.append((name, cmd.split()))
            i += 1
    env_of = {name: {**os.environ, **envs.get(name, {})} for name, _ in programs}

    samples = {name: [] for name, _ in programs}
    for name, cmd in programs:
        print(f"app: warm-up {name}", file=sys.stderr)
        run_once(cmd, env_of[name])
    for r in range(n):
        order = programs if r % 2 == 0 else list(reversed(programs))
        for name, cmd in order:
            s = run_once(cmd, env_of[name])
            samples[name].append(s)
            print(
                f"app: round {r + 1}/{n} {name}: {s['seconds'] * 1000:.0f} ms, "
                f"RSS {s['rss_kib'] / 1024:.0f} MiB ({len(s['processes'])} processes)",
                file=sys.stderr,
            )

    with open(os.path.join(out, "app.json"), "w") as f:
        json.dump(samples, f, indent=1)

    def med(name, key):
        return statistics.median(s[key] for s in samples[name])

    floor = programs[-1][0]
    sizes = {}
    for name, cmd in programs:
        sizes[name] = os.path.getsize(cmd[0])
    lines = [
        f"| program | binary | start to first view (median of {n}) | min / max | of which in the page | RSS after start | PSS after start | peak RSS (sum of VmHWM) | ratio to the floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, _ in programs:
        t = med(name, "seconds")
        ts = [s["seconds"] for s in samples[name]]
        ratio = "" if name == floor else f"{t / med(floor, 'seconds'):.2f}x"
        shown = [s["marks"]["shown"] for s in samples[name] if "shown" in s["marks"]]
        page = f"{statistics.median(shown):.0f} ms" if shown else "?"
        lines.append(
            f"| {name} | {sizes[name] / 1e6:.1f} MB | {t * 1000:.0f} ms | "
            f"{min(ts) * 1000:.0f} / {max(ts) * 1000:.0f} ms | {page} | "
            f"{med(name, 'rss_kib') / 1024:.0f} MiB | {med(name, 'pss_kib') / 1024:.0f} MiB | "
            f"{med(name, 'hwm_kib') / 1024:.0f} MiB | {ratio} |"
        )
    procs = {name: samples[name][-1]["processes"] for name, _ in programs}
    lines.append("")
    lines.append(
        "In the page: from the page's start of loading (`performance.now()` 0) to the mark. "
        "Median milestones (ms): "
        + "; ".join(
            f"{name}: "
            + ", ".join(
                f"{k} {statistics.median(s['marks'][k] for s in samples[name] if k in s['marks']):.0f}"
                for k in samples[name][-1]["marks"]
            )
            for name, _ in programs
        )
        + "."
    )
    lines.append("")
    lines.append(
        "Before the page: median milestones of the process (ms since it started): "
        + "; ".join(
            f"{name}: "
            + (
                ", ".join(
                    f"{k} {statistics.median(s['process'][k] for s in samples[name] if k in s['process']):.0f}"
                    for k in samples[name][-1]["process"]
                )
                or "none printed"
            )
            for name, _ in programs
        )
        + "."
    )
    lines.append("")
    lines.append(
        "Memory is summed over the program and its WebKit processes ("
        + "; ".join(f"{k}: {', '.join(v)}" for k, v in procs.items())
        + f"), read {SETTLE:.0f} s after the mark."
    )
    write_table(out, "app.md", lines)


if __name__ == "__main__":
    main()
