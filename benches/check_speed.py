"""How long `caliber check` takes as a whole process, as a person or a script
waits for it: a draft of about WORDS words against the ledger DB.

    python3 benches/check_speed.py target/release/caliber DB DRAFT [WORDS] [ROUNDS]

Writes the draft to DRAFT first: Caliber's own outline of the ledger (Markdown),
its lines in order until WORDS words (default 3,000), then three sentences the
evidence does not back (an invented figure, a citation of a win that does not
exist, a claim with no citation), so the check has findings to report as a real
draft would. Then spawns `caliber --db DB check DRAFT` ROUNDS times (default 30)
after three untimed runs, and prints the median, fastest and slowest wall time
with the load average before and after. Uses the standard library only; reads
the ledger, never writes it.
"""

import os
import statistics
import subprocess
import sys
import time

FLAWED = [
    "",
    "Across the org we also cut cloud spend by $913k in a single quarter.",
    "I hired seven managers for the payments org [#99999999].",
    "Our teams shipped the new billing platform ahead of every other group.",
]


def make_draft(caliber, db, path, words):
    outline = subprocess.run(
        [caliber, "--db", db, "outline"], check=True, capture_output=True, text=True
    ).stdout
    kept, count = [], 0
    for line in outline.splitlines():
        if count >= words:
            break
        kept.append(line)
        count += len(line.split())
    kept += FLAWED
    text = "\n".join(kept) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return len(text.split())


def main():
    caliber, db, draft = sys.argv[1], sys.argv[2], sys.argv[3]
    words = int(sys.argv[4]) if len(sys.argv) > 4 else 3000
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    made = make_draft(caliber, db, draft, words)
    cmd = [caliber, "--db", db, "check", draft]
    first = subprocess.run(cmd, capture_output=True, text=True)
    if first.returncode not in (0, 1):
        raise SystemExit(f"caliber check failed ({first.returncode}): {first.stderr}")
    print(f"draft: {made} words, {os.path.getsize(draft)} bytes; exit {first.returncode}")
    print(f"  {first.stdout.strip().splitlines()[-1] if first.stdout.strip() else ''}")
    for _ in range(2):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load_before = os.getloadavg()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1000)
    load_after = os.getloadavg()
    print(
        f"caliber check   median {statistics.median(times):7.1f} ms   min {min(times):7.1f} ms"
        f"   max {max(times):7.1f} ms   (n={rounds})"
    )
    print(
        "load average before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(
            *load_before, *load_after
        )
    )


if __name__ == "__main__":
    main()
