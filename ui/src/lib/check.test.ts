// Tests of the "Check a draft" panel: the draft is sent to the library's checker a
// moment after typing stops, and what comes back (findings, a clean report, the
// library's refusal) is shown as it is, with the wins leading to the appendix.
import { describe, expect, it, vi, beforeEach, afterEach } from "vitest";
import { render, screen, fireEvent, cleanup, waitFor } from "@testing-library/svelte";
import type { Report } from "./api";
import { ApiError } from "./api";
import { checkedSummary, place, FINDING_LABELS, CHECK_DELAY_MS } from "./check";

const m = vi.hoisted(() => ({ checkDraft: vi.fn() }));
vi.mock("./api", async (orig) => {
  const real = await orig<typeof import("./api")>();
  return { ...real, api: { ...real.api, checkDraft: m.checkDraft } };
});

import CheckPanel from "../components/outline/CheckPanel.svelte";

const findings: Report = {
  findings: [
    {
      kind: "uncovered_expectation",
      line: 1,
      column: 1,
      text: "Delegate and trust",
      suggestion: "Say what you handed to your managers, citing the win.",
      wins: [],
    },
    {
      kind: "invented_figure",
      line: 3,
      column: 14,
      text: "$913k",
      suggestion: "No win holds $913k: use a figure from the evidence or remove it.",
      wins: [],
    },
    {
      kind: "uncited_claim",
      line: 5,
      column: 1,
      text: "We cut hosting spend by a third.",
      suggestion: "Cite the win that shows it.",
      wins: [12, 40],
    },
  ],
  checked: { sentences: 6, figures: 2, citations: 1 },
};

const clean: Report = { findings: [], checked: { sentences: 1, figures: 1, citations: 1 } };

async function typeDraft(text: string) {
  await fireEvent.input(screen.getByTestId("check-input"), { target: { value: text } });
}

beforeEach(() => {
  m.checkDraft.mockReset();
});
afterEach(() => cleanup());

describe("the words of the panel", () => {
  it("names every kind of finding, places and counts", () => {
    expect(Object.keys(FINDING_LABELS).sort()).toEqual([
      "figure_not_in_cited", "forte_too_long", "invented_figure", "uncited_claim",
      "uncovered_expectation", "unknown_win", "unsupported_quote",
    ]);
    expect(place({ line: 3, column: 14 })).toBe("3:14");
    expect(checkedSummary({ sentences: 1, figures: 0, citations: 2 })).toBe(
      "1 sentence, 0 figures, 2 citations checked",
    );
  });
});

describe("CheckPanel", () => {
  it("checks the draft once typing pauses, and lists each finding with its place, text, suggestion and wins", async () => {
    m.checkDraft.mockResolvedValue(findings);
    const onCite = vi.fn();
    render(CheckPanel, { props: { known: new Set([12]), onCite } });
    await typeDraft("I");
    await typeDraft("I saved");
    await typeDraft("I saved $913k.");
    await waitFor(() => expect(screen.getAllByTestId("check-finding")).toHaveLength(3));
    // Typed three times, checked once, with the last text.
    expect(m.checkDraft).toHaveBeenCalledTimes(1);
    expect(m.checkDraft).toHaveBeenCalledWith("I saved $913k.", { short: null, format: "markdown" });

    const items = screen.getAllByTestId("check-finding");
    expect(items.map((i) => i.dataset.kind)).toEqual(["uncovered_expectation", "invented_figure", "uncited_claim"]);
    const invented = items[1];
    expect(invented.textContent).toContain("3:14");
    expect(invented.textContent).toContain("Figure not in your evidence");
    expect(invented.textContent).toContain("$913k");
    expect(invented.textContent).toContain("use a figure from the evidence");
    expect(screen.queryByTestId("check-clean")).toBeNull();

    // A win in the appendix is a link that follows like a citation; one outside is not.
    const wins = items[2].querySelectorAll<HTMLElement>("[data-testid=check-win]");
    expect([...wins].map((w) => w.dataset.win)).toEqual(["12", "40"]);
    expect(wins[0].tagName).toBe("A");
    expect(wins[1].tagName).toBe("SPAN");
    await fireEvent.click(wins[0]);
    expect(onCite).toHaveBeenCalledWith(12);
    await fireEvent.click(wins[1]);
    expect(onCite).toHaveBeenCalledTimes(1);
  });

  it("says a clean draft is clean, with what was checked", async () => {
    m.checkDraft.mockResolvedValue(clean);
    render(CheckPanel, { props: { known: new Set<number>(), onCite: vi.fn() } });
    await typeDraft("I cut AWS spend 30% [#1].");
    const said = await screen.findByTestId("check-clean");
    expect(said.textContent).toContain("Clean");
    expect(said.textContent).toContain("1 sentence, 1 figure, 1 citation checked");
    expect(screen.queryAllByTestId("check-finding")).toHaveLength(0);
  });

  it("checks short review texts in short review mode", async () => {
    m.checkDraft.mockResolvedValue(clean);
    render(CheckPanel, { props: { short: true, known: new Set<number>(), onCite: vi.fn() } });
    await typeDraft("Led the launch [#1].");
    await screen.findByTestId("check-clean");
    expect(m.checkDraft).toHaveBeenLastCalledWith("Led the launch [#1].", { short: "ladder", format: "markdown" });
  });

  it("shows the library's message for a draft it will not check, and no stale findings", async () => {
    m.checkDraft.mockResolvedValueOnce(findings);
    render(CheckPanel, { props: { known: new Set<number>(), onCite: vi.fn() } });
    await typeDraft("I saved $913k.");
    await waitFor(() => expect(screen.getAllByTestId("check-finding")).toHaveLength(3));
    const message = "the pasted draft is over 10 MB, more than a draft can be; check it is the right file";
    m.checkDraft.mockRejectedValueOnce(new ApiError({ kind: "invalid_input", message }));
    await typeDraft("x".repeat(64));
    const alert = await screen.findByTestId("check-error");
    expect(alert.textContent).toBe(message);
    expect(alert.getAttribute("role")).toBe("alert");
    expect(screen.queryAllByTestId("check-finding")).toHaveLength(0);
  });

  it("keeps an answer that arrives after a newer draft from showing", async () => {
    let answerOld: (r: Report) => void = () => {};
    m.checkDraft
      .mockImplementationOnce(() => new Promise<Report>((resolve) => (answerOld = resolve)))
      .mockResolvedValueOnce(clean);
    render(CheckPanel, { props: { known: new Set<number>(), onCite: vi.fn() } });
    await typeDraft("I saved $913k.");
    await waitFor(() => expect(m.checkDraft).toHaveBeenCalledTimes(1));
    await typeDraft("I cut AWS spend 30% [#1].");
    await screen.findByTestId("check-clean");
    answerOld(findings);
    await new Promise((r) => setTimeout(r, CHECK_DELAY_MS));
    expect(screen.getByTestId("check-clean")).toBeTruthy();
    expect(screen.queryAllByTestId("check-finding")).toHaveLength(0);
  });

  it("clears the findings and asks nothing when the box is emptied", async () => {
    m.checkDraft.mockResolvedValue(findings);
    render(CheckPanel, { props: { known: new Set<number>(), onCite: vi.fn() } });
    await typeDraft("I saved $913k.");
    await waitFor(() => expect(screen.getAllByTestId("check-finding")).toHaveLength(3));
    await typeDraft("");
    await waitFor(() => expect(screen.queryAllByTestId("check-finding")).toHaveLength(0));
    await new Promise((r) => setTimeout(r, CHECK_DELAY_MS + 50));
    expect(m.checkDraft).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("check-error")).toBeNull();
  });

  it("keeps the draft when the view is left and opened again", async () => {
    m.checkDraft.mockResolvedValue(clean);
    render(CheckPanel, { props: { known: new Set<number>(), onCite: vi.fn() } });
    await typeDraft("Led the launch [#1].");
    await screen.findByTestId("check-clean");
    cleanup();
    render(CheckPanel, { props: { known: new Set<number>(), onCite: vi.fn() } });
    expect((screen.getByTestId("check-input") as HTMLTextAreaElement).value).toBe("Led the launch [#1].");
    await screen.findByTestId("check-clean");
  });
});
