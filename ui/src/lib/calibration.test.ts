// Tests of the Calibration view's helpers (statuses, moving through questions, the
// summary timer, errors), and of the view rendered from a plan and a rehearsal with
// the API and the clipboard plugin mocked.
import { describe, expect, it, vi, beforeEach, afterEach } from "vitest";
import { render, screen, fireEvent, cleanup, waitFor } from "@testing-library/svelte";
import { tick } from "svelte";
import { ApiError, type CalibrationView as CalibrationViewData, type PlanView, type ProviderView, type Question, type Rehearsal } from "./api";
import {
  clock, elapsed, isAsked, keepPlace, keyMove, newTimer, packExportOptions, progressLabel, relationName, remaining,
  sandboxedPage, shownError, spokenTime, start, statusOf, step, stop,
} from "./calibration";
import { SUMMARY_SECONDS } from "./generated/values";

const m = vi.hoisted(() => ({
  calibration: vi.fn(),
  askFeedback: vi.fn(),
  unaskFeedback: vi.fn(),
  rehearseAnswer: vi.fn(),
  reviewWins: vi.fn(),
  writeText: vi.fn(),
  exportPack: vi.fn(),
  save: vi.fn(),
}));
vi.mock("./api", async (orig) => {
  const real = await orig<typeof import("./api")>();
  return {
    ...real,
    api: {
      ...real.api,
      calibration: m.calibration,
      askFeedback: m.askFeedback,
      unaskFeedback: m.unaskFeedback,
      rehearseAnswer: m.rehearseAnswer,
      reviewWins: m.reviewWins,
      exportPack: m.exportPack,
    },
  };
});
vi.mock("@tauri-apps/plugin-clipboard-manager", () => ({ writeText: m.writeText }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: m.save }));

import CalibrationView from "../views/Calibration.svelte";
import SummaryTimer from "../components/calibration/SummaryTimer.svelte";
import { ui } from "./state.svelte";

function provider(over: Partial<ProviderView>): ProviderView {
  return {
    person_id: 1,
    person: "Dana Skip",
    relation: "skip-level-manager",
    org: "Retail",
    outside_org: false,
    expectations: ["team-delivery"],
    wins: [3],
    request: "Hi Dana,\n- 2026-03-02: Launched cart v2 [#3]\n",
    status: "planned",
    asked_on: null,
    waiting: false,
    voices: ["at or above the target level"],
    ...over,
  };
}

const question = (id: string, over: Partial<Question> = {}): Question => ({
  id,
  expectation: "strategy",
  win: null,
  question: `Question ${id}?`,
  why: `Because of ${id}.`,
  answer: null,
  ...over,
});

function plan(): PlanView {
  return {
    providers: [
      provider({}),
      provider({
        person_id: 2,
        person: "Lee Peer",
        relation: "peer",
        org: "Search",
        outside_org: true,
        request: "Hi Lee,\n- the shared roadmap [#5]\n",
        status: "asked",
        asked_on: "2026-11-01",
        waiting: true,
        voices: ["outside your org"],
      }),
      provider({ person_id: 3, person: "Rui Report", relation: "report", status: "received", voices: [] }),
    ],
    uncovered: [{ expectation: "strategy", only_manager: ["Max Boss"] }],
    thin: [{ expectation: "delegation", win: 4, people: ["Rui Report"] }],
    missing: [],
    waiting: ["Lee Peer"],
    waiting_after_days: 14,
  };
}

function rehearsal(): Rehearsal {
  return {
    questions: [
      question("panel:strategy"),
      question("ownership:team-delivery:7", { expectation: "team-delivery", win: 7 }),
      question("earlier:delegation", { expectation: "delegation", answer: "Handed the ops review over in July." }),
    ],
  };
}

describe("provider status", () => {
  it("words what the library decided, waiting included", () => {
    const p = plan().providers;
    expect(statusOf(p[0])).toEqual({ text: "To ask", tone: "neutral" });
    expect(statusOf(p[1])).toEqual({ text: "Asked 2026-11-01, waiting", tone: "waiting" });
    expect(statusOf({ ...p[1], waiting: false })).toEqual({ text: "Asked 2026-11-01", tone: "asked" });
    expect(statusOf(p[2])).toEqual({ text: "Answered", tone: "good" });
    expect(statusOf({ ...p[2], asked_on: "2026-10-02" }).text).toBe("Answered (asked 2026-10-02)");
  });
  it("has the toggle on only when the library holds an ask day", () => {
    const p = plan().providers;
    expect(p.map(isAsked)).toEqual([false, true, false]);
  });
  it("names relations from the library's list", () => {
    expect(relationName("skip-level-manager")).toBe("Skip-level manager");
    expect(relationName(null)).toBeNull();
  });
});

describe("moving through questions", () => {
  it("stays inside the list", () => {
    expect(step(0, 3, -1)).toBe(0);
    expect(step(0, 3, 1)).toBe(1);
    expect(step(2, 3, 1)).toBe(2);
    expect(step(5, 3, 0)).toBe(2);
    expect(step(0, 0, 1)).toBe(0);
  });
  it("keeps the same question when the list is read again", () => {
    const qs = rehearsal().questions;
    expect(keepPlace(qs, "earlier:delegation", 0)).toBe(2);
    // Gone: stay at the same place, inside the list.
    expect(keepPlace(qs.slice(0, 2), "earlier:delegation", 2)).toBe(1);
    expect(keepPlace([], null, 3)).toBe(0);
  });
  it("says where one stands", () => {
    expect(progressLabel(0, rehearsal().questions)).toBe("1 of 3 · 1 answered");
    expect(progressLabel(0, [])).toBe("No questions");
  });
  it("moves with the arrows, and with Alt+arrow in the answer box", () => {
    const box = document.createElement("textarea");
    const key = (key: string, target: EventTarget | null, altKey = false) =>
      keyMove({ key, altKey, ctrlKey: false, metaKey: false, target });
    expect(key("ArrowRight", document.body)).toBe(1);
    expect(key("ArrowLeft", document.body)).toBe(-1);
    expect(key("ArrowRight", box)).toBe(0);
    expect(key("ArrowRight", box, true)).toBe(1);
    expect(key("Enter", document.body)).toBe(0);
    expect(keyMove({ key: "ArrowRight", altKey: false, ctrlKey: true, metaKey: false, target: document.body })).toBe(0);
  });
});

describe("summary timer", () => {
  const total = SUMMARY_SECONDS * 1000;
  it("is the library's 90 seconds", () => {
    expect(SUMMARY_SECONDS).toBe(90);
    expect(clock(total)).toBe("1:30");
  });
  it("counts down while running, holds while stopped, and goes on", () => {
    let t = start(newTimer(), 1000, total);
    expect(remaining(t, 11_000, total)).toBe(total - 10_000);
    t = stop(t, 11_000, total);
    expect(remaining(t, 50_000, total)).toBe(total - 10_000);
    t = start(t, 50_000, total);
    expect(elapsed(t, 55_000)).toBe(15_000);
    expect(remaining(t, 500_000, total)).toBe(0);
  });
  it("cannot start again once run out, and starting twice changes nothing", () => {
    const out = stop(start(newTimer(), 0, total), total + 5000, total);
    expect(out.runMs).toBe(total);
    expect(start(out, total + 6000, total)).toBe(out);
    const running = start(newTimer(), 10, total);
    expect(start(running, 20, total)).toBe(running);
  });
  it("shows whole seconds rounded up, and says them", () => {
    expect(clock(89_001)).toBe("1:30");
    expect(clock(89_000)).toBe("1:29");
    expect(clock(5_000)).toBe("0:05");
    expect(clock(1)).toBe("0:01");
    expect(clock(0)).toBe("0:00");
    expect(clock(-3)).toBe("0:00");
    expect(spokenTime(90)).toBe("1 minute 30 seconds");
    expect(spokenTime(60)).toBe("1 minute");
    expect(spokenTime(1)).toBe("1 second");
    expect(spokenTime(0)).toBe("0 seconds");
  });
});

describe("errors", () => {
  it("shows the library's message with its kind", () => {
    const e = shownError(new ApiError({ kind: "invalid_input", message: "the answer is empty; write what you would tell the panel" }));
    expect(e).toEqual({ kind: "invalid_input", heading: "Not accepted", message: "the answer is empty; write what you would tell the panel" });
    expect(shownError(new Error("boom"))).toEqual({ kind: "internal", heading: "Could not do it", message: "boom" });
  });
});

const PACK_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>Pack</title></head><body><h1>Sponsor pack</h1><a href="https://example.com">x</a><script>window.parent.hacked = 1</script></body></html>';

describe("the pack's preview page", () => {
  it("puts a no-script policy and inert links first in the head", () => {
    const page = sandboxedPage(PACK_HTML);
    expect(page.startsWith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\';')).toBe(true);
    expect(page).toContain("a { pointer-events: none;");
    expect(page).toContain("<h1>Sponsor pack</h1>");
    expect(page.indexOf("Content-Security-Policy")).toBeLessThan(page.indexOf("<script>"));
  });
  it("puts them first when the page has no head", () => {
    expect(sandboxedPage("<p>x</p>").startsWith("<meta http-equiv=\"Content-Security-Policy\"")).toBe(true);
  });
  it("offers a sponsor-pack file name in each format", () => {
    expect(packExportOptions("docx")).toEqual({ defaultPath: "sponsor-pack.docx", filters: [{ name: "Word document", extensions: ["docx"] }] });
    expect(packExportOptions("markdown").defaultPath).toBe("sponsor-pack.md");
    expect(packExportOptions("html").defaultPath).toBe("sponsor-pack.html");
  });
});

/** What the app's one calibration call answers: the plan, the rehearsal and the pack. */
function calibrationView(): CalibrationViewData {
  return { plan: plan(), rehearsal: rehearsal(), pack_html: PACK_HTML, pack_error: null };
}

describe("Calibration view", () => {
  beforeEach(() => {
    cleanup();
    for (const f of Object.values(m)) f.mockReset();
    m.calibration.mockResolvedValue(calibrationView());
    m.writeText.mockResolvedValue(undefined);
    m.reviewWins.mockResolvedValue([]);
    ui.view = "calibration";
  });

  it("shows a row per provider with status, outside-org mark, and the gaps", async () => {
    render(CalibrationView);
    const rows = await screen.findAllByTestId("provider-row");
    expect(rows.map((r) => r.dataset.person)).toEqual(["Dana Skip", "Lee Peer", "Rui Report"]);
    expect(rows.map((r) => r.dataset.status)).toEqual(["planned", "asked", "received"]);
    expect(rows[1].dataset.waiting).toBe("true");
    expect(rows[1].querySelector("[data-testid=outside-org]")).toBeTruthy();
    expect(rows[0].querySelector("[data-testid=outside-org]")).toBeNull();
    expect(rows[1].textContent).toContain("Asked 2026-11-01, waiting");
    expect(rows[1].textContent).toContain("Peer · Search");
    expect(screen.getByTestId("plan-waiting").textContent).toContain("more than 14 days: Lee Peer");
    const gap = screen.getByTestId("uncovered");
    expect(gap.dataset.expectation).toBe("strategy");
    expect(gap.textContent).toContain("only Max Boss saw it");
    expect(screen.getByTestId("thin-spot").textContent).toContain("Rui Report could speak to it");
  });

  it("copies a drafted request through the clipboard plugin and says so on the button", async () => {
    render(CalibrationView);
    const rows = await screen.findAllByTestId("provider-row");
    const button = rows[1].querySelector("[data-testid=copy-request]") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(button.dataset.copied).toBe("true"));
    expect(m.writeText).toHaveBeenCalledWith("Hi Lee,\n- the shared roadmap [#5]\n");
    expect(button.textContent).toBe("Copied");
  });

  it("says when the clipboard refuses, and does not claim it copied", async () => {
    m.writeText.mockRejectedValue(new Error("no clipboard"));
    render(CalibrationView);
    const rows = await screen.findAllByTestId("provider-row");
    const button = rows[0].querySelector("[data-testid=copy-request]") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(ui.toast?.message).toContain("Could not copy the request: no clipboard"));
    expect(button.dataset.copied).toBe("false");
  });

  it("marks a planned person asked, and takes back an ask, through the library", async () => {
    m.askFeedback.mockResolvedValue({ person_id: 1, person_name: "Dana Skip", asked_on: "2026-12-03" });
    m.unaskFeedback.mockResolvedValue(undefined);
    render(CalibrationView);
    const rows = await screen.findAllByTestId("provider-row");
    const toggles = rows.map((r) => r.querySelector("[data-testid=asked-toggle]") as HTMLInputElement);
    expect(toggles.map((t) => t.checked)).toEqual([false, true, false]);
    const version = ui.version;
    await fireEvent.click(toggles[0]);
    await waitFor(() => expect(m.askFeedback).toHaveBeenCalledWith(1));
    await waitFor(() => expect(ui.toast?.message).toBe("Marked Dana Skip as asked on 2026-12-03"));
    expect(ui.toast?.undo).toBe(true);
    await waitFor(() => expect(ui.version).toBeGreaterThan(version));
    await fireEvent.click(toggles[1]);
    await waitFor(() => expect(m.unaskFeedback).toHaveBeenCalledWith(2));
  });

  it("shows the library's refusal of an ask", async () => {
    m.askFeedback.mockRejectedValue(new ApiError({ kind: "not_found", message: "there is nobody with id 1" }));
    render(CalibrationView);
    const rows = await screen.findAllByTestId("provider-row");
    await fireEvent.click(rows[0].querySelector("[data-testid=asked-toggle]") as HTMLInputElement);
    await waitFor(() => expect(ui.toast).toEqual(expect.objectContaining({ kind: "error", message: "Not found: there is nobody with id 1" })));
  });

  it("shows one question at a time, moves with buttons and arrow keys, and opens the win", async () => {
    render(CalibrationView);
    let q = await screen.findByTestId("rehearse-question");
    expect(screen.getAllByTestId("rehearse-question")).toHaveLength(1);
    expect(q.dataset.question).toBe("panel:strategy");
    expect(screen.getByTestId("rehearse-prev")).toHaveProperty("disabled", true);
    await fireEvent.click(screen.getByTestId("rehearse-next"));
    q = screen.getByTestId("rehearse-question");
    expect(q.dataset.question).toBe("ownership:team-delivery:7");
    m.reviewWins.mockResolvedValue([{ id: 7, title: "Launched cart v2", date: "2026-03-02", action: "I led it", result: null, metric: "-41% errors", people: ["Dana Skip"] }]);
    await fireEvent.click(screen.getByTestId("question-win"));
    await waitFor(() => expect(screen.getByTestId("question-story").textContent).toContain("Launched cart v2"));
    expect(m.reviewWins).toHaveBeenCalledWith([7]);
    await fireEvent.keyDown(screen.getByTestId("rehearsal"), { key: "ArrowRight" });
    q = screen.getByTestId("rehearse-question");
    expect(q.dataset.question).toBe("earlier:delegation");
    expect((screen.getByTestId("rehearse-answer") as HTMLTextAreaElement).value).toBe("Handed the ops review over in July.");
    expect(screen.getByTestId("rehearse-next")).toHaveProperty("disabled", true);
    // In the answer box the arrows stay with the caret.
    await fireEvent.keyDown(screen.getByTestId("rehearse-answer"), { key: "ArrowLeft" });
    expect(screen.getByTestId("rehearse-question").dataset.question).toBe("earlier:delegation");
    await fireEvent.keyDown(screen.getByTestId("rehearse-answer"), { key: "ArrowLeft", altKey: true });
    expect(screen.getByTestId("rehearse-question").dataset.question).toBe("ownership:team-delivery:7");
  });

  it("saves an answer through the library and stays on its question when the list comes back", async () => {
    m.rehearseAnswer.mockImplementation(async (id: string, text: string) => question(id, { answer: text }));
    render(CalibrationView);
    await screen.findByTestId("rehearse-question");
    await fireEvent.click(screen.getByTestId("rehearse-next"));
    const box = screen.getByTestId("rehearse-answer") as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: "I wrote the plan; the team built it." } });
    const answered = rehearsal();
    answered.questions[1].answer = "I wrote the plan; the team built it.";
    m.calibration.mockResolvedValue({ ...calibrationView(), rehearsal: answered });
    await fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(m.rehearseAnswer).toHaveBeenCalledWith("ownership:team-delivery:7", "I wrote the plan; the team built it."));
    await waitFor(() => expect(screen.getByTestId("rehearse-question").dataset.answered).toBe("true"));
    expect(screen.getByTestId("rehearse-question").dataset.question).toBe("ownership:team-delivery:7");
    expect(screen.getByTestId("rehearse-progress").textContent).toBe("2 of 3 · 2 answered");
  });

  it("sends an empty answer to the library and shows its refusal with the kind", async () => {
    const message = "the answer is empty; write what you would tell the panel, e.g. caliber rehearse answer ID \"It held\"";
    m.rehearseAnswer.mockRejectedValue(new ApiError({ kind: "invalid_input", message }));
    render(CalibrationView);
    await screen.findByTestId("rehearse-question");
    await fireEvent.input(screen.getByTestId("rehearse-answer"), { target: { value: "   " } });
    await fireEvent.click(screen.getByTestId("rehearse-save"));
    const err = await screen.findByTestId("rehearse-error");
    expect(m.rehearseAnswer).toHaveBeenCalledWith("panel:strategy", "   ");
    expect(err.dataset.kind).toBe("invalid_input");
    expect(err.textContent).toContain(message);
    expect(screen.getByTestId("rehearse-answer").getAttribute("aria-invalid")).toBe("true");
  });

  it("previews the pack in a sandboxed frame with no script allowed", async () => {
    render(CalibrationView);
    const frame = (await screen.findByTestId("pack-preview")) as HTMLIFrameElement;
    expect(frame.tagName).toBe("IFRAME");
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("srcdoc")).toBe(sandboxedPage(PACK_HTML));
  });

  it("shows the library's refusal of a pack and keeps the plan and the rehearsal", async () => {
    m.calibration.mockResolvedValue({
      ...calibrationView(),
      pack_html: null,
      pack_error: { kind: "invalid_input", message: "the ledger has no wins yet, so there is no case for a sponsor pack" },
    });
    render(CalibrationView);
    const err = await screen.findByTestId("pack-error");
    expect(err.dataset.kind).toBe("invalid_input");
    expect(err.textContent).toContain("no case for a sponsor pack");
    expect(screen.getAllByTestId("provider-row")).toHaveLength(3);
    expect(screen.getByTestId("rehearse-question")).toBeTruthy();
    expect(screen.queryByTestId("pack-preview")).toBeNull();
    expect(screen.getByTestId("pack-export-docx")).toHaveProperty("disabled", true);
  });

  it("exports the pack through the save dialog and the library", async () => {
    m.save.mockResolvedValue("/home/me/sponsor-pack.html");
    m.exportPack.mockResolvedValue(undefined);
    render(CalibrationView);
    await screen.findByTestId("pack-preview");
    await fireEvent.click(screen.getByTestId("pack-export-html"));
    await waitFor(() => expect(m.exportPack).toHaveBeenCalledWith("/home/me/sponsor-pack.html", "html", true));
    expect(m.save).toHaveBeenCalledWith(packExportOptions("html"));
    await waitFor(() => expect(ui.toast?.message).toBe("Saved to /home/me/sponsor-pack.html"));
    // Cancelled dialog: nothing written.
    m.save.mockResolvedValue(null);
    await fireEvent.click(screen.getByTestId("pack-export-docx"));
    await tick();
    expect(m.exportPack).toHaveBeenCalledTimes(1);
  });

  it("shows why the plan could not be read", async () => {
    m.calibration.mockRejectedValue(new ApiError({ kind: "busy", message: "the database is busy; try again" }));
    render(CalibrationView);
    const err = await screen.findByTestId("calibration-error");
    expect(err.dataset.kind).toBe("busy");
    expect(err.textContent).toContain("the database is busy; try again");
  });
});

describe("SummaryTimer", () => {
  beforeEach(() => {
    cleanup();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => vi.useRealTimers());

  it("counts down from 1:30, stops, goes on, announces the end and resets", async () => {
    render(SummaryTimer);
    const left = () => screen.getByTestId("timer-left").textContent;
    expect(left()).toBe("1:30");
    await fireEvent.click(screen.getByTestId("timer-start"));
    vi.advanceTimersByTime(10_000);
    await tick();
    expect(left()).toBe("1:20");
    await fireEvent.click(screen.getByTestId("timer-stop"));
    vi.advanceTimersByTime(30_000);
    await tick();
    expect(left()).toBe("1:20");
    expect(screen.getByTestId("timer-announce").textContent).toBe("Stopped with 1 minute 20 seconds left.");
    await fireEvent.click(screen.getByTestId("timer-start"));
    vi.advanceTimersByTime(80_000);
    await tick();
    expect(left()).toBe("0:00");
    expect(screen.getByTestId("timer-announce").textContent).toBe("Time is up: 1 minute 30 seconds.");
    expect(screen.getByTestId("summary-timer").dataset.running).toBe("false");
    expect(screen.getByTestId("timer-start")).toHaveProperty("disabled", true);
    await fireEvent.click(screen.getByTestId("timer-reset"));
    expect(left()).toBe("1:30");
    expect(screen.getByTestId("timer-announce").textContent).toBe("");
  });
});

describe("the answer's label", () => {
  beforeEach(() => {
    cleanup();
    m.calibration.mockResolvedValue(calibrationView());
  });
  it("reads 'Your answer (kept)' with a space once an answer is kept", async () => {
    render(CalibrationView);
    await screen.findByTestId("rehearse-question");
    await fireEvent.click(screen.getByTestId("rehearse-next"));
    await fireEvent.click(screen.getByTestId("rehearse-next"));
    expect(document.querySelector(".answer-label")?.textContent).toBe("Your answer (kept)");
  });
});
