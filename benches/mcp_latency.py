"""How long `caliber mcp` takes to start and to answer a tool call, as an
assistant sees it: JSON-RPC lines over the process's standard input and output.

    python3 benches/mcp_latency.py target/release/caliber DB [ROUNDS]

Prints, for the database given, the time from spawning the server to its answer
to `initialize`, then the median and slowest round trip of each tool call (after
start, so the database is open), ROUNDS times each (default 30). Uses the standard
library only. Work on a copy: log_win adds wins.
"""

import json
import statistics
import subprocess
import sys
import time


def main():
    caliber, db = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    started = time.perf_counter()
    proc = subprocess.Popen(
        [caliber, "--db", db, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
    )
    ids = iter(range(1, 1_000_000))

    def request(method, params):
        rid = next(ids)
        proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}) + "\n")
        proc.stdin.flush()
        while True:
            reply = json.loads(proc.stdout.readline())
            if reply.get("id") == rid:
                if "error" in reply:
                    raise SystemExit(f"{method} {params}: {reply['error']}")
                return reply

    request(
        "initialize",
        {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}},
    )
    print(f"start to initialized: {(time.perf_counter() - started) * 1000:.1f} ms")
    proc.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
    proc.stdin.flush()

    listed = request("tools/call", {"name": "list_wins", "arguments": {"limit": 1}})
    newest = json.loads(listed["result"]["content"][0]["text"])[0]["id"]
    calls = [
        ("get_win", {"id": newest}),
        ("search_wins", {"query": "launch", "limit": 20}),
        ("list_wins", {"limit": 50}),
        ("suggest_expectations", {"text": "Hired two managers for the payments org"}),
        ("log_win", {"title": "Bench: handed the weekly ops review to Priya", "expectations": ["delegation"]}),
        ("get_review", {}),
        ("get_feedback_plan", {}),
        ("get_outline", {"format": "markdown"}),
        ("check_draft", {"text": f"I cut pages by 87% [#{newest}]."}),
    ]
    for name, arguments in calls:
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            request("tools/call", {"name": name, "arguments": arguments})
            times.append((time.perf_counter() - t) * 1000)
        print(f"{name:<22} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms   (n={rounds})")
    proc.stdin.close()
    proc.wait(timeout=30)


if __name__ == "__main__":
    main()
