// Tests of the Review view's helpers, and of the view itself rendered from a
// review (the API mocked): the rows, their data attributes and the notes.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, cleanup } from "@testing-library/svelte";
import { tick } from "svelte";
import type { ExpectationReview, Review } from "./api";
import {
  ago, cellTitle, countIn, heatLevel, latestLabel, plural, quarterParts, quartersOf, readinessTone, labelWords,
  strengthTone, titleOf, unconfirmedNote, weeksLeftLabel, winsLabel, windowLabel, daysBetween, capitalize,
} from "./review";

const reviewMock = vi.hoisted(() => vi.fn());
const overviewMock = vi.hoisted(() => vi.fn());
vi.mock("./api", async (orig) => {
  const real = await orig<typeof import("./api")>();
  return { ...real, api: { ...real.api, review: reviewMock, peopleOverview: overviewMock, reviewWins: async () => [] } };
});

import ReviewView from "../views/Review.svelte";
import { ui } from "./state.svelte";

describe("heatLevel", () => {
  it("maps counts to 0, 1, 2-3 and 4+", () => {
    expect([0, 1, 2, 3, 4, 5, 40].map(heatLevel)).toEqual([0, 1, 2, 2, 3, 3, 3]);
  });
  it("treats nonsense as empty", () => {
    expect(heatLevel(-1)).toBe(0);
    expect(heatLevel(Number.NaN)).toBe(0);
  });
});

describe("tones", () => {
  it("colors each strength", () => {
    expect(["none", "thin", "developing", "solid", "strong", "other"].map(strengthTone)).toEqual([
      "bad", "warn", "neutral", "good", "great", "neutral",
    ]);
  });
  it("colors the readiness verdict", () => {
    expect(readinessTone("ready")).toBe("good");
    expect(readinessTone("close")).toBe("warn");
    expect(readinessTone("not yet")).toBe("bad");
    expect(readinessTone("not-yet")).toBe("bad");
    expect(labelWords("not-yet")).toBe("not yet");
    expect(readinessTone(" Ready ")).toBe("good");
  });
});

describe("wording", () => {
  it("says the weeks left", () => {
    expect(weeksLeftLabel(6)).toBe("6 weeks left");
    expect(weeksLeftLabel(1)).toBe("1 week left");
    expect(weeksLeftLabel(0)).toBe("Target date reached");
    expect(weeksLeftLabel(null)).toBeNull();
  });
  it("pluralizes", () => {
    expect(plural(1, "win", "wins")).toBe("1 win");
    expect(plural(0, "win", "wins")).toBe("0 wins");
    expect(capitalize("not yet")).toBe("Not yet");
    expect(capitalize("")).toBe("");
  });
  it("counts confirmed and suggested wins", () => {
    expect(winsLabel({ wins: 0, confirmed: 0, suggested: 0 })).toBe("No wins");
    expect(winsLabel({ wins: 5, confirmed: 3, suggested: 2 })).toBe("5 wins · 3 confirmed, 2 suggested");
    expect(winsLabel({ wins: 1, confirmed: 1, suggested: 0 })).toBe("1 win · all confirmed");
    expect(winsLabel({ wins: 2, confirmed: 0, suggested: 2 })).toBe("2 wins · all suggested");
  });
  it("notes unconfirmed wins", () => {
    expect(unconfirmedNote(3)).toBe("3 wins carry only suggested tags");
    expect(unconfirmedNote(1)).toBe("1 win carries only suggested tags");
  });
  it("splits quarters and titles cells", () => {
    expect(quarterParts("2026-Q1")).toEqual({ quarter: "Q1", year: "2026" });
    expect(quarterParts("odd")).toEqual({ quarter: "odd", year: "" });
    expect(cellTitle("Strategy", "2026-Q1", 2)).toBe("Strategy, 2026-Q1: 2 wins");
    expect(cellTitle("Strategy", "2026-Q1", 0)).toBe("Strategy, 2026-Q1: no wins");
  });
  it("says how long ago, as the Rust review does", () => {
    expect([0, 1, 9, 14, 35, 59, 60, 150].map(ago)).toEqual([
      "today", "yesterday", "9 days ago", "2 weeks ago", "5 weeks ago", "8 weeks ago", "2 months ago", "5 months ago",
    ]);
    expect(daysBetween("2026-03-01", "2026-03-15")).toBe(14);
    expect(daysBetween("nope", "2026-03-15")).toBeNull();
    expect(latestLabel("2026-03-01", "2026-03-15")).toBe("2026-03-01 (2 weeks ago)");
    expect(latestLabel(null, "2026-03-15")).toBe("—");
    expect(windowLabel({ start: "2025-07-01", end: "2026-06-30" })).toBe("2025-07-01 to 2026-06-30");
  });
});

describe("quarters", () => {
  const rows = [
    { by_quarter: [{ quarter: "2025-Q4", wins: 1 }, { quarter: "2026-Q1", wins: 3 }] },
    { by_quarter: [{ quarter: "2025-Q3", wins: 0 }, { quarter: "2026-Q1", wins: 0 }] },
  ];
  it("takes every quarter of every row, oldest first", () => {
    expect(quartersOf(rows)).toEqual(["2025-Q3", "2025-Q4", "2026-Q1"]);
    expect(quartersOf([])).toEqual([]);
  });
  it("reads a row's count, 0 when missing", () => {
    expect(countIn(rows[0], "2026-Q1")).toBe(3);
    expect(countIn(rows[0], "2025-Q3")).toBe(0);
  });
});

// ---- the view ----

const QS = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"];

function exp(id: string, title: string, counts: number[], over: Partial<ExpectationReview> = {}): ExpectationReview {
  const wins = counts.reduce((a, b) => a + b, 0);
  return {
    id, title, wins, confirmed: wins, suggested: 0,
    latest: wins > 0 ? "2026-04-20" : null,
    quarters_with_evidence: counts.filter((c) => c > 0).length,
    by_quarter: QS.map((quarter, i) => ({ quarter, wins: counts[i] ?? 0 })),
    widest_scope: wins > 0 ? "org" : null, with_metric: 0, vouched: 0, score: 50,
    strength: wins === 0 ? "none" : wins === 1 ? "thin" : "solid",
    gap: wins < 2, summary: `${wins} wins: words`, win_ids: [],
    level_counts: { below: 0, at: wins, above: 0 }, below_level: [], floor: id === "team-delivery", missing: [],
    next_step: null, panel_question: null,
    ...over,
  };
}

function sampleReview(over: Partial<Review> = {}): Review {
  return {
    ladder: "senior-manager",
    ladder_name: "Senior Manager (L7)",
    cycle: {
      ladder: "senior-manager", current_level: "L6", target_level: "L7",
      start: "2025-07-01", end: "2026-06-30", target_date: "2026-06-01", is_default: false,
    },
    as_of: "2026-04-20",
    weeks_left: 6,
    expectations: [
      exp("team-delivery", "Your teams deliver", [1, 2, 1, 4]),
      exp("strategy", "Strategy", [0, 0, 0, 1]),
      exp("delegation", "<b>Delegation</b>", [0, 0, 0, 0]),
    ],
    gaps: [
      {
        id: "delegation", title: "<b>Delegation</b>", reason: "No evidence.", next_step: "Hand a decision to a manager.",
        more_steps: ["Step two", "Step three"], panel_question: "What did you stop doing?",
      },
      { id: "strategy", title: "Strategy", reason: "One win.", next_step: "Write the plan.", more_steps: [], panel_question: null },
    ],
    unconfirmed: 3,
    sustained: { wins: 10, last_weeks: 6, quarters_with_evidence: 4, quarters: 4, warning: "6 of your 10 wins are from the last 6 weeks." },
    providers: {
      count: 2, outside_org: 1, at_or_above: 0, senior_voices: 1, missing_voices: [],
      names: ["Priya", "Tom"], unvouched: ["strategy"], ask: ["Ana"],
      summary: "2 people can vouch for your case (1 outside your org).",
    },
    must_haves: [],
    readiness: {
      score: 48, label: "not-yet", summary: "Not yet: readiness 48/100 with 2 gaps to close.",
      reason: "Not yet: 2 of 3 expectations are a gap.", gaps: 2, missing: [], reasons: [], method: "Each expectation scores 0-100.",
    },
    ...over,
  };
}

describe("Review view", () => {
  beforeEach(() => {
    cleanup();
    reviewMock.mockReset();
    overviewMock.mockReset();
    ui.view = "review";
  });

  async function mount(r: Review) {
    reviewMock.mockResolvedValue(r);
    // The providers panel shows the people overview's providers, the same the review computes.
    overviewMock.mockResolvedValue({ cycle: r.cycle, people: [], coverage: [], providers: r.providers, own_org: null, own_org_guessed: false });
    const out = render(ReviewView);
    await vi.waitFor(() => expect(screen.getAllByTestId("review-row").length).toBeGreaterThan(0));
    return out;
  }

  it("renders one row per expectation in ladder order with its data attributes", async () => {
    await mount(sampleReview());
    const rows = screen.getAllByTestId("review-row");
    expect(rows.map((r) => r.dataset.expectation)).toEqual(["team-delivery", "strategy", "delegation"]);
    expect(rows.map((r) => r.getAttribute("data-gap"))).toEqual(["false", "true", "true"]);
    const cells = rows[0].querySelectorAll("[data-testid=heat-cell]");
    expect([...cells].map((c) => c.getAttribute("data-count"))).toEqual(["1", "2", "1", "4"]);
    expect(cells[3].classList.contains("h3")).toBe(true);
    expect(cells[3].getAttribute("title")).toBe("Your teams deliver, 2026-Q2: 4 wins");
    expect(rows[0].textContent).toContain("8 wins · all confirmed");
    expect(rows[0].textContent).toContain("Solid");
    expect(rows[2].textContent).toContain("Gap");
  });

  it("shows user text as text, never as HTML", async () => {
    const { container } = await mount(sampleReview());
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain("<b>Delegation</b>");
  });

  it("shows the verdict, weeks left, gaps, warning and providers", async () => {
    await mount(sampleReview());
    expect(screen.getByTestId("readiness-badge").getAttribute("aria-label")).toBe("Readiness 48 out of 100: not yet");
    expect(screen.getByTestId("weeks-left").textContent).toBe("6 weeks left");
    expect(screen.getAllByTestId("gap-item").map((g) => g.dataset.expectation)).toEqual(["delegation", "strategy"]);
    expect(screen.getByText("Hand a decision to a manager.")).toBeTruthy();
    expect(screen.getByText("More steps (2)")).toBeTruthy();
    expect(screen.getByTestId("sustained-warning").textContent).toContain("6 of your 10 wins");
    const prov = screen.getByTestId("providers");
    expect(prov.textContent).toContain("Priya");
    expect(prov.textContent).toContain("Ana");
    // Unvouched expectations by title, not id.
    expect(prov.textContent).toContain("Strategy");
    expect(screen.getByText("How this is computed")).toBeTruthy();
  });

  it("shows the providers of the people overview, as the People view does", async () => {
    const r = sampleReview();
    overviewMock.mockResolvedValue({
      cycle: r.cycle, people: [], coverage: [], own_org: null, own_org_guessed: false,
      providers: { ...r.providers, count: 9, names: ["Zoe"], summary: "From the overview." },
    });
    reviewMock.mockResolvedValue(r);
    render(ReviewView);
    await vi.waitFor(() => expect(screen.getByTestId("providers-count").textContent).toBe("9"));
    expect(screen.getByTestId("providers").textContent).toContain("From the overview.");
    expect(screen.getByTestId("providers").textContent).toContain("Zoe");
  });

  it("sends the user to the Log to confirm suggested tags", async () => {
    await mount(sampleReview());
    expect(screen.getByTestId("unconfirmed-note").textContent).toContain("3 wins carry only suggested tags");
    await fireEvent.click(screen.getByTestId("go-confirm"));
    expect(ui.view).toBe("log");
  });

  it("leaves out the notes that do not apply", async () => {
    await mount(
      sampleReview({
        unconfirmed: 0,
        gaps: [],
        weeks_left: null,
        sustained: { wins: 1, last_weeks: 0, quarters_with_evidence: 1, quarters: 4, warning: null },
      }),
    );
    expect(screen.queryByTestId("unconfirmed-note")).toBeNull();
    expect(screen.queryByTestId("sustained-warning")).toBeNull();
    expect(screen.queryByTestId("weeks-left")).toBeNull();
    expect(screen.getByTestId("no-gaps")).toBeTruthy();
  });

  it("reloads when the data changes", async () => {
    await mount(sampleReview());
    reviewMock.mockResolvedValue(sampleReview({ expectations: [exp("strategy", "Strategy", [2, 2, 0, 0])] }));
    ui.version += 1;
    await tick();
    await vi.waitFor(() => expect(screen.getAllByTestId("review-row").length).toBe(1));
    expect(screen.getByTestId("review-row").getAttribute("data-gap")).toBe("false");
    expect(titleOf(sampleReview(), "strategy")).toBe("Strategy");
    expect(titleOf(sampleReview(), "unknown-id")).toBe("unknown-id");
  });
});
