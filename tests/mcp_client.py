"""Drives `caliber mcp` with the official Python MCP SDK (a client Caliber did not
write) and prints what it saw as one JSON object; tests/it/mcp.rs judges it.

    python tests/mcp_client.py SCENARIO CALIBER DB [--read-only]

Scenarios: `tour` (every tool, resource and prompt once, one win logged),
`refusals` (a malformed request, an unknown tool, bad arguments), `read-only`.
"""

import asyncio
import json
import os
import subprocess
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError


def server(caliber, db, extra):
    # Only what the test sets reaches the server: the SDK passes a small safe
    # environment, and HOME points into the test's sandbox.
    env = {
        "HOME": os.environ["HOME"],
        "CALIBER_TODAY": os.environ.get("CALIBER_TODAY", ""),
        # As a client's "env" setting would give it, for an encrypted database.
        "CALIBER_PASSPHRASE": os.environ.get("CALIBER_PASSPHRASE", ""),
    }
    env = {k: v for k, v in env.items() if v}
    return StdioServerParameters(command=caliber, args=["--db", db, "mcp", *extra], env=env)


def text_of(result):
    return "".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def call(session, name, arguments):
    """A tool call as data: its JSON answer, or the protocol error it got."""
    try:
        result = await session.call_tool(name, arguments)
    except MCPError as e:
        return {"error": {"code": e.code, "message": e.message}}
    text = text_of(result)
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    return {"is_error": bool(result.is_error), "value": value}


async def tour(session):
    seen = {}
    init = await session.initialize()
    seen["server"] = init.server_info.name
    tools = await session.list_tools()
    seen["tools"] = {
        t.name: {"description": t.description or "", "schema": t.input_schema} for t in tools.tools
    }
    logged = await call(
        session,
        "log_win",
        {
            "title": "Rolled out the on-call handbook to four sister orgs",
            "date": "2026-03-02",
            "expectations": ["cross-org-impact"],
            "metric": "4 orgs",
            "scope": "org",
            "people": ["Priya Nair"],
            "new_person": True,
            "principles": ["Earn Trust"],
        },
    )
    seen["log_win"] = logged
    win_id = logged.get("value", {}).get("id") if isinstance(logged.get("value"), dict) else None
    seen["get_win"] = await call(session, "get_win", {"id": win_id})
    seen["search_wins"] = await call(session, "search_wins", {"query": "handbook"})
    seen["list_wins"] = await call(session, "list_wins", {"expectation": "cross-org-impact"})
    seen["suggest_expectations"] = await call(
        session, "suggest_expectations", {"text": "Hired two managers for the payments org"}
    )
    seen["get_review"] = await call(session, "get_review", {})
    seen["get_outline"] = await call(session, "get_outline", {"format": "markdown"})
    seen["get_feedback_plan"] = await call(session, "get_feedback_plan", {})
    # A draft citing the new win, with a figure no win holds.
    seen["draft"] = (
        f"# Cross-org impact\n\nI rolled out the on-call handbook to 4 orgs, "
        f"and it cut pages by 87% [#{win_id}].\n"
    )
    seen["check_draft"] = await call(session, "check_draft", {"text": seen["draft"]})
    resources = await session.list_resources()
    seen["resources"] = {}
    for r in resources.resources:
        read = await session.read_resource(str(r.uri))
        seen["resources"][str(r.uri)] = "".join(getattr(c, "text", "") for c in read.contents)
    prompts = await session.list_prompts()
    seen["prompts"] = {}
    for p in prompts.prompts:
        got = await session.get_prompt(p.name, {})
        seen["prompts"][p.name] = "\n".join(
            m.content.text for m in got.messages if getattr(m.content, "type", "") == "text"
        )
    return seen


BAD_ARGUMENTS = {
    "log_win without a title": ("log_win", {"date": "2026-03-02"}),
    "log_win with a blank title": ("log_win", {"title": "   "}),
    "log_win with a date that is no date": ("log_win", {"title": "Shipped it", "date": "2026-13-01"}),
    "log_win with an unknown expectation": ("log_win", {"title": "Shipped it", "expectations": ["world-peace"]}),
    "log_win with a new name and no new_person": ("log_win", {"title": "Shipped it", "people": ["Zebulon Quartermaine"]}),
    "log_win with a field it does not have": ("log_win", {"title": "Shipped it", "passphrase": "hunter2"}),
    "log_win with a title that is a number": ("log_win", {"title": 42}),
    "get_win of a win that does not exist": ("get_win", {"id": 999999}),
    "get_win with a text id": ("get_win", {"id": "seven"}),
    "list_wins with a scope that does not exist": ("list_wins", {"scope": "galaxy"}),
    "get_outline as a Word document": ("get_outline", {"format": "docx"}),
    "check_draft without a text": ("check_draft", {"forte": True}),
    "check_draft of a Word document": ("check_draft", {"text": "Shipped it", "format": "docx"}),
    "check_draft of an empty text": ("check_draft", {"text": "  \n "}),
}


async def refusals(session):
    seen = {}
    await session.initialize()
    seen["unknown tool"] = await call(session, "delete_everything", {})
    for label, (name, arguments) in BAD_ARGUMENTS.items():
        seen[label] = await call(session, name, arguments)
    return seen


async def read_only(session):
    seen = {}
    await session.initialize()
    tools = await session.list_tools()
    seen["tools"] = sorted(t.name for t in tools.tools)
    seen["log_win"] = await call(session, "log_win", {"title": "Shipped it"})
    seen["get_review"] = await call(session, "get_review", {})
    return seen


def malformed(caliber, db):
    """What no SDK would send: a line that is not JSON, and a call with no tool name,
    written straight to the server's standard input."""
    lines = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "raw", "version": "0"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        "{this is not json",
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"arguments": {"title": "x"}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "log_win", "arguments": "a string"}},
        {"jsonrpc": "2.0", "id": 5, "method": "tools/delete", "params": {}},
        {"hello": "this is JSON, and no JSON-RPC message"},
        {"jsonrpc": "2.0", "id": 4, "method": "ping"},
    ]
    data = "".join((l if isinstance(l, str) else json.dumps(l)) + "\n" for l in lines)
    env = {"HOME": os.environ["HOME"], "PATH": os.environ.get("PATH", "")}
    done = subprocess.run(
        [caliber, "--db", db, "mcp"], input=data, capture_output=True, text=True, timeout=60, env=env
    )
    replies = []
    for line in done.stdout.splitlines():
        try:
            replies.append(json.loads(line))
        except ValueError:
            replies.append({"not json": line})
    return {"replies": replies, "status": done.returncode}


async def main():
    scenario, caliber, db = sys.argv[1:4]
    extra = sys.argv[4:]
    if scenario == "malformed":
        print(json.dumps(malformed(caliber, db)))
        return
    run = {"tour": tour, "refusals": refusals, "read-only": read_only}[scenario]
    async with stdio_client(server(caliber, db, extra)) as (read, write):
        async with ClientSession(read, write) as session:
            seen = await run(session)
    print(json.dumps(seen))


if __name__ == "__main__":
    asyncio.run(main())
