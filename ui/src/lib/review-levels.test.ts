// The Review view's levels: each expectation lists its wins with the level the
// library judged and why, and the person can set a win's level from a labelled
// select. The Rust side is faked over IPC: setting a level changes what the next
// review says, so the test sees the view reload its verdict and counts.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { ExpectationReview, Level, LevelSource, Review, WinView } from "./api";
import { levelCountsLabel, levelLabel, reviewWinIds, tagLevel } from "./review";
import ReviewView from "../views/Review.svelte";
import { ui } from "./state.svelte";

function win(
  id: number, title: string, expectation: string, level: Level, reason: string,
  source: LevelSource = "rules",
): WinView {
  return {
    id, date: "2026-03-01", title, expectations: [expectation], suggested: [], principles: [], metric: null,
    scope: "team", people: [], vouchers: [], tags: [], links: [], situation: null, action: null, result: null,
    notes: null, source: "cli", level, level_reason: reason,
    levels: [{ expectation, level, reason, overridden: source !== "rules", source }],
  } as unknown as WinView;
}

function exp(id: string, title: string, ids: number[], below: number, at: number): ExpectationReview {
  return {
    id, title, wins: ids.length, confirmed: ids.length, suggested: 0, latest: "2026-03-01", quarters_with_evidence: 1,
    by_quarter: [{ quarter: "2026-Q1", wins: ids.length }], widest_scope: "team", with_metric: 0, vouched: 0,
    score: 40, strength: at > 0 ? "developing" : "none", gap: at === 0, summary: `${ids.length} wins`,
    win_ids: ids, level_counts: { below, at, above: 0 }, below_level: [], floor: false, missing: [],
    next_step: null, panel_question: null,
  };
}

/** A fake Rust side with one expectation and two wins; win 7 can be set to "at". */
function fakeRust() {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let win7: Level | null = null; // the level the person set, null = the rules'
  const review = (): Review => {
    const at = win7 === "at" ? 1 : 0;
    return {
      ladder: "senior-manager", ladder_name: "Senior Manager (L7)",
      cycle: { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2025-07-01", end: "2026-06-30", target_date: null, is_default: false },
      as_of: "2026-04-20", weeks_left: null,
      expectations: [exp("hire-develop-managers", "Hire and develop managers", [7, 9], 2 - at, at)],
      gaps: [], unconfirmed: 0,
      sustained: { wins: 2, last_weeks: 0, quarters_with_evidence: 1, quarters: 4, warning: null },
      providers: { count: 0, outside_org: 0, at_or_above: 0, senior_voices: 0, missing_voices: [], names: [], unvouched: [], ask: [], summary: "" },
      must_haves: [],
      readiness: {
        score: at ? 55 : 30, label: at ? "close" : "not-yet",
        summary: at ? "Close: readiness 55/100." : "Not yet: readiness 30/100.",
        reason: at ? "One expectation shows work at the level." : "Only below-level evidence for developing managers.",
        gaps: 1 - at, missing: [], reasons: [], method: "",
      },
    } as unknown as Review;
  };
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    switch (cmd) {
      case "review":
        return review();
      case "review_wins":
        return [
          win7 === "at"
            ? win(7, "Grew Ana into a manager", "hire-develop-managers", "at", "set by you", "set")
            : win(7, "Grew Ana into a manager", "hire-develop-managers", "below", "hiring engineers is L6 work; the bar is hiring or growing managers"),
          win(9, "Hired four engineers", "hire-develop-managers", "below", "hiring engineers is L6 work; the bar is hiring or growing managers"),
        ];
      case "set_win_level":
        win7 = (args as { level: Level | null }).level;
        return null;
      default:
        return null;
    }
  });
  return calls;
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the level of each win in the Review view", () => {
  it("shows each win's level and reason, and an override reloads the verdict and the counts", async () => {
    ui.view = "review";
    const calls = fakeRust();
    render(ReviewView);
    await waitFor(() => expect(screen.getAllByTestId("win-level").length).toBe(2));

    const rows = screen.getAllByTestId("level-win");
    expect(rows.map((r) => r.dataset.win)).toEqual(["7", "9"]);
    expect(within(rows[0]).getByTestId("win-level").dataset.level).toBe("below");
    expect(within(rows[0]).getByTestId("win-level").textContent).toBe("Below the level");
    expect(within(rows[0]).getByTestId("win-level-reason").textContent).toContain("the bar is hiring or growing managers");
    expect(screen.getByTestId("level-counts").textContent).toBe("0 at or above, 2 below");
    expect(calls.find((c) => c.cmd === "review_wins")?.args).toEqual({ ids: [7, 9] });

    // A labelled native select: reachable by keyboard and by its name.
    const select = screen.getByRole("combobox", { name: "Level of win 7 for Hire and develop managers" }) as HTMLSelectElement;
    expect(select.value).toBe("auto");
    await fireEvent.change(select, { target: { value: "at" } });

    await waitFor(() => expect(within(screen.getAllByTestId("level-win")[0]).getByTestId("win-level").dataset.level).toBe("at"));
    expect(calls.find((c) => c.cmd === "set_win_level")?.args).toEqual({ id: 7, expectation: "hire-develop-managers", level: "at" });
    expect(screen.getByTestId("level-counts").textContent).toBe("1 at or above, 1 below");
    expect(screen.getByText("Close: readiness 55/100.", { exact: false })).toBeTruthy();
    const again = screen.getByRole("combobox", { name: "Level of win 7 for Hire and develop managers" }) as HTMLSelectElement;
    expect(again.value).toBe("at");

    // "Judge it again" sends null: the ladder's rules decide once more.
    await fireEvent.change(again, { target: { value: "auto" } });
    await waitFor(() => expect(within(screen.getAllByTestId("level-win")[0]).getByTestId("win-level").dataset.level).toBe("below"));
    expect(calls.filter((c) => c.cmd === "set_win_level").at(-1)?.args).toEqual({ id: 7, expectation: "hire-develop-managers", level: null });
  });

  it("a level learned from another win, or read by the rules, shows Auto in the select", async () => {
    mockIPC((cmd) => {
      if (cmd === "review") {
        return {
          ladder: "senior-manager", ladder_name: "Senior Manager (L7)",
          cycle: { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2025-07-01", end: "2026-06-30", target_date: null, is_default: false },
          as_of: "2026-04-20", weeks_left: null,
          expectations: [exp("strategy", "Strategy", [1, 2, 3], 1, 2)],
          gaps: [], unconfirmed: 0,
          sustained: { wins: 3, last_weeks: 0, quarters_with_evidence: 1, quarters: 4, warning: null },
          providers: { count: 0, outside_org: 0, at_or_above: 0, senior_voices: 0, missing_voices: [], names: [], unvouched: [], ask: [], summary: "" },
          must_haves: [],
          readiness: { score: 40, label: "close", summary: "Close.", reason: "r", gaps: 0, missing: [], reasons: [], method: "" },
        };
      }
      if (cmd === "review_wins") {
        return [
          win(1, "Wrote the payments roadmap", "strategy", "at", "you rated it at L7", "set"),
          win(2, "Rewrote the payments roadmap", "strategy", "at", "like win 1, which you rated at L7", "learned"),
          win(3, "Wrote the team's roadmap", "strategy", "below", "the own team's roadmap is L6 work"),
        ];
      }
      return null;
    });
    ui.version++;
    render(ReviewView);
    await waitFor(() => expect(screen.getAllByTestId("level-win")).toHaveLength(3));
    const value = (id: number) =>
      (screen.getByRole("combobox", { name: `Level of win ${id} for Strategy` }) as HTMLSelectElement).value;
    expect(value(1)).toBe("at");
    expect(value(2)).toBe("auto");
    expect(value(3)).toBe("auto");
  });

  it("the helpers read the library's judgment, never make one", () => {
    const w = win(3, "x", "strategy", "above", "r");
    expect(tagLevel(w, "strategy")?.level).toBe("above");
    expect(tagLevel(w, "delegation")).toBeUndefined();
    expect(levelLabel("at")).toBe("At the level");
    const e = exp("strategy", "Strategy", [3, 4, 3], 1, 2);
    expect(levelCountsLabel(e)).toBe("2 at or above, 1 below");
    expect(reviewWinIds({ expectations: [e, exp("d", "D", [4, 5], 0, 2)] } as unknown as Review)).toEqual([3, 4, 5]);
  });

  it("lists the first wins of a long expectation and loads the rest only when asked", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    const calls: number[][] = [];
    mockIPC((cmd, args) => {
      if (cmd === "review") {
        return {
          ladder: "senior-manager", ladder_name: "Senior Manager (L7)",
          cycle: { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2025-07-01", end: "2026-06-30", target_date: null, is_default: false },
          as_of: "2026-04-20", weeks_left: null,
          expectations: [exp("delegation", "Delegate decisions", ids, 20, 0)],
          gaps: [], unconfirmed: 0,
          sustained: { wins: 20, last_weeks: 0, quarters_with_evidence: 1, quarters: 4, warning: null },
          providers: { count: 0, outside_org: 0, at_or_above: 0, senior_voices: 0, missing_voices: [], names: [], unvouched: [], ask: [], summary: "" },
          must_haves: [],
          readiness: { score: 10, label: "not-yet", summary: "Not yet.", reason: "Below the level.", gaps: 1, missing: [], reasons: [], method: "" },
        };
      }
      if (cmd === "review_wins") {
        const asked = (args as { ids: number[] }).ids;
        calls.push(asked);
        return asked.map((id) => win(id, `Win ${id}`, "delegation", "below", "approving a design is L6 work"));
      }
      return null;
    });
    ui.version++;
    render(ReviewView);
    await waitFor(() => expect(screen.getAllByTestId("level-win")).toHaveLength(8));
    expect(calls).toEqual([ids.slice(0, 8)]);
    await fireEvent.click(screen.getByTestId("level-show-all"));
    await waitFor(() => expect(screen.getAllByTestId("level-win")).toHaveLength(20));
    expect(calls[1]).toEqual(ids.slice(8));
    expect(screen.queryByTestId("level-show-all")).toBeNull();
  });
});
