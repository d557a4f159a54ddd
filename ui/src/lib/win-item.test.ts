// A win an AI assistant logged (through `caliber mcp`) is marked in the Log view's
// timeline row, so the user knows which wins to look over and confirm.
import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { emptyDraft, type Win } from "./api";
import WinItem from "../components/WinItem.svelte";

function win(source: Win["source"]): Win {
  return {
    ...emptyDraft("Rolled out the on-call handbook to four sister orgs"),
    id: 7,
    date: "2026-03-02",
    logged_at: "2026-03-02T09:00:00Z",
    updated_at: "2026-03-02T09:00:00Z",
    people: [],
    expectations: [{ id: "cross-org-impact", confirmed: false }],
    source,
  };
}

describe("the timeline row of a win", () => {
  it("marks a win logged by an assistant", () => {
    render(WinItem, { win: win("assistant") });
    const mark = screen.getByTestId("win-from-assistant");
    expect(mark.textContent).toContain("assistant");
    expect(mark.getAttribute("title")).toContain("confirm");
  });

  it("does not mark the user's own wins", () => {
    for (const source of ["app", "cli", "import", "demo"] as const) {
      const { unmount } = render(WinItem, { win: win(source) });
      expect(screen.queryByTestId("win-from-assistant")).toBeNull();
      unmount();
    }
  });
});
