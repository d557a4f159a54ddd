// The timeline's pure helpers: month grouping and the quick-input parsers.
import { describe, expect, it } from "vitest";
import { groupByMonth, monthLabel, parsePeople, parseTags, rovingTarget, timelineRows, todayIso } from "./timeline";
import type { Win } from "./api";

const win = (id: number, date: string): Win => ({
  id, date, title: `win ${id}`, logged_at: "", updated_at: "", situation: null, action: null, result: null,
  notes: null, metric: null, scope: "team", people: [], links: [], tags: [], expectations: [], principles: [],
  source: "app",
});

describe("timeline", () => {
  it("labels and groups by month, keeping order", () => {
    expect(monthLabel("2026-03-14")).toBe("March 2026");
    const g = groupByMonth([win(3, "2026-03-20"), win(2, "2026-03-01"), win(1, "2026-02-10")]);
    expect(g.map((x) => x.month)).toEqual(["March 2026", "February 2026"]);
    expect(g[0].wins.map((w) => w.id)).toEqual([3, 2]);
  });

  it("reads people, marking the involved ones as non-vouchers", () => {
    expect(parsePeople(" Priya Shah, Tom (involved),, ")).toEqual([
      { name: "Priya Shah", vouches: true },
      { name: "Tom", vouches: false },
    ]);
  });

  it("reads tags with or without # and commas", () => {
    expect(parseTags("#Hiring, payments  @org")).toEqual(["hiring", "payments", "org"]);
  });

  it("formats today in local time", () => {
    expect(todayIso(new Date(2026, 0, 5))).toBe("2026-01-05");
  });

  it("moves the roving focus from win to win, over month headings, stopping at the ends", () => {
    // [March, 3, 2, February, 1]
    const rows = timelineRows([win(3, "2026-03-20"), win(2, "2026-03-01"), win(1, "2026-02-10")], true);
    expect(rows.map((r) => r.kind)).toEqual(["month", "win", "win", "month", "win"]);
    expect(rovingTarget(rows, 1, "ArrowDown")).toBe(2);
    expect(rovingTarget(rows, 2, "ArrowDown")).toBe(4);
    expect(rovingTarget(rows, 4, "ArrowDown")).toBe(4);
    expect(rovingTarget(rows, 4, "k")).toBe(2);
    expect(rovingTarget(rows, 1, "ArrowUp")).toBe(1);
    expect(rovingTarget(rows, 2, "End")).toBe(4);
    expect(rovingTarget(rows, 4, "Home")).toBe(1);
    expect(rovingTarget(rows, 1, "PageDown")).toBe(4);
    // Nothing focused yet: the first win; a key that is no move: nothing.
    expect(rovingTarget(rows, -1, "ArrowDown")).toBe(1);
    expect(rovingTarget(rows, 1, "x")).toBeNull();
    expect(rovingTarget([], -1, "ArrowDown")).toBeNull();
  });
});
