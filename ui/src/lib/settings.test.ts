// Tests of the Settings view: the pure logic (cycle check, reminder labels, shortcut
// check, file names, import and demo sentences) and the view on fake Rust and dialogs.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Cycle, Ladder } from "./api";
import {
  checkShortcut,
  cycleForm,
  demoRefusal,
  demoSummaryText,
  hourLabel,
  importExtensions,
  importFormatArg,
  importSummaryText,
  isIsoDate,
  ladderSourceText,
  reminderLabel,
  suggestedFileName,
  validateCycle,
  weekdayLabel,
  type CycleForm,
} from "./settings";

const form = (over: Partial<CycleForm> = {}): CycleForm => ({
  ladder: "senior-manager",
  current_level: "L6",
  target_level: "L7",
  start: "2025-07-01",
  end: "2026-06-30",
  target_date: "",
  ...over,
});

describe("validateCycle", () => {
  it("turns a good form into a cycle", () => {
    expect(validateCycle(form({ target_date: "2026-07-15" }))).toEqual({
      cycle: {
        ladder: "senior-manager",
        current_level: "L6",
        target_level: "L7",
        start: "2025-07-01",
        end: "2026-06-30",
        target_date: "2026-07-15",
        is_default: false,
      },
    });
  });
  it("leaves the target date out when empty", () => {
    const r = validateCycle(form());
    expect("cycle" in r && r.cycle.target_date).toBe(null);
  });
  it("accepts a one-day window", () => {
    expect(validateCycle(form({ start: "2026-01-01", end: "2026-01-01" }))).toHaveProperty("cycle");
  });
  it("refuses a window that ends before it starts, saying so", () => {
    const r = validateCycle(form({ start: "2026-06-30", end: "2025-07-01" }));
    expect(r).toEqual({ error: expect.stringMatching(/ends \(2025-07-01\) before it starts \(2026-06-30\)/) });
  });
  it("wants both window dates", () => {
    expect(validateCycle(form({ start: "" }))).toEqual({ error: expect.stringMatching(/first and a last day/) });
    expect(validateCycle(form({ end: " " }))).toEqual({ error: expect.stringMatching(/first and a last day/) });
  });
  it("refuses dates that are not dates", () => {
    expect(validateCycle(form({ end: "2026-02-30" }))).toEqual({ error: expect.stringMatching(/last day '2026-02-30'/) });
    expect(validateCycle(form({ target_date: "soon" }))).toEqual({ error: expect.stringMatching(/target date 'soon'/) });
  });
  it("wants a ladder and both levels", () => {
    expect(validateCycle(form({ ladder: "" }))).toHaveProperty("error");
    expect(validateCycle(form({ target_level: " " }))).toHaveProperty("error");
  });
  it("round-trips a cycle through the form", () => {
    const c: Cycle = { ladder: "x", current_level: "a", target_level: "b", start: "2026-01-01", end: "2026-02-01", target_date: null, is_default: true };
    expect(cycleForm(c).target_date).toBe("");
    expect(validateCycle(cycleForm(c))).toEqual({ cycle: { ...c, is_default: false } });
  });
});

describe("isIsoDate", () => {
  it("knows real days", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-1-01")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });
});

describe("reminder labels", () => {
  it("names days from Monday = 0", () => {
    expect(weekdayLabel(0)).toBe("Monday");
    expect(weekdayLabel(4)).toBe("Friday");
    expect(weekdayLabel(6)).toBe("Sunday");
  });
  it("writes hours on the 24-hour clock", () => {
    expect(hourLabel(0)).toBe("00:00");
    expect(hourLabel(9)).toBe("09:00");
    expect(hourLabel(23)).toBe("23:00");
  });
  it("says when the reminder fires", () => {
    expect(reminderLabel({ enabled: true, weekday: 4, hour: 16 })).toBe("Friday at 16:00");
    expect(reminderLabel({ enabled: false, weekday: 4, hour: 16 })).toBe("Off");
  });
});

describe("checkShortcut", () => {
  it("keeps a good shortcut, without stray spaces", () => {
    expect(checkShortcut(" CmdOrCtrl + Shift + L ")).toEqual({ shortcut: "CmdOrCtrl+Shift+L" });
  });
  it("refuses an empty one, one without a modifier, one with an empty part", () => {
    expect(checkShortcut("")).toHaveProperty("error");
    expect(checkShortcut("L")).toEqual({ error: expect.stringMatching(/no modifier/) });
    expect(checkShortcut("Ctrl++L")).toEqual({ error: expect.stringMatching(/empty part/) });
  });
});

describe("files", () => {
  it("names exports by format and day", () => {
    expect(suggestedFileName("backup", "2026-03-14")).toBe("caliber-backup-2026-03-14.db");
    expect(suggestedFileName("csv", "2026-03-14")).toBe("caliber-export-2026-03-14.csv");
    expect(suggestedFileName("markdown", "2026-03-14")).toBe("caliber-export-2026-03-14.md");
  });
  it("lets Rust guess the import format on auto", () => {
    expect(importFormatArg("auto")).toBeNull();
    expect(importFormatArg("jrnl")).toBe("jrnl");
    expect(importExtensions("csv")).toEqual(["csv"]);
    expect(importExtensions("auto")).toContain("json");
  });
});

describe("importSummaryText", () => {
  it("says what came in and what was already there", () => {
    expect(importSummaryText({ wins: 12, people: 3, feedback: 1, duplicates: 4, kept_ids: false })).toBe(
      "Imported 12 wins, 3 people and 1 piece of feedback (4 already there). Undo takes it back.",
    );
    expect(importSummaryText({ wins: 1, people: 0, feedback: 0, duplicates: 0, kept_ids: false })).toBe("Imported 1 win. Undo takes it back.");
  });
  it("mentions a restore with the original ids", () => {
    expect(importSummaryText({ wins: 2, people: 1, feedback: 0, duplicates: 0, kept_ids: true })).toMatch(/original ids/);
  });
  it("says when nothing was new", () => {
    expect(importSummaryText({ wins: 0, people: 0, feedback: 0, duplicates: 5, kept_ids: false })).toBe(
      "Nothing new to import: all 5 entries were already there.",
    );
    expect(importSummaryText({ wins: 0, people: 0, feedback: 0, duplicates: 0, kept_ids: false })).toMatch(/nothing to import/);
  });
});

describe("demo", () => {
  it("is refused on a database with wins, with the way to try it elsewhere", () => {
    expect(demoRefusal(0)).toBeNull();
    expect(demoRefusal(1)).toMatch(/has 1 win\b.*caliber demo --db demo.db/);
    expect(demoRefusal(30)).toMatch(/has 30 wins/);
  });
  it("reports what it loaded", () => {
    expect(demoSummaryText({ wins: 40, people: 8, feedback: 6 })).toMatch(/^Loaded the demo: 40 wins, 8 people and 6 pieces of feedback\./);
  });
});

// The view itself, mounted against a fake Rust side and fake file dialogs.
const calls: { cmd: string; args: unknown }[] = [];
const state = { wins: 3 };
const cycle: Cycle = { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2025-07-01", end: "2026-06-30", target_date: null, is_default: false };
const ladders = [
  { id: "senior-manager", name: "Senior Manager (L7)", current_level: "L6", target_level: "L7", summary: "Through other managers.", expectations: [] },
  { id: "first-time-manager", name: "First-time manager", current_level: "IC", target_level: "M1", summary: "", expectations: [] },
  {
    id: "meta-m2",
    name: "Meta M2",
    current_level: "M1",
    target_level: "M2",
    summary: "",
    expectations: [],
    source: { titles: ["Meta's engineering axes", "Meta's PSC"], checked: "2026-12-03", note: "In our own words." },
  },
];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: unknown) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "ladders":
        return ladders;
      case "get_cycle":
        return cycle;
      case "set_cycle":
        return { ...(args as { cycle: Cycle }).cycle, is_default: false };
      case "current_ladder":
        return ladders[0];
      case "cycle_levels":
        // Not the ladder's fields: the form must show what the library decides.
        return { current_level: "Senior IC", target_level: "First manager" };
      case "get_reminder":
        return { enabled: true, weekday: 4, hour: 16 };
      case "get_setting":
        return null;
      case "app_info":
        return { db_path: "/home/me/.local/share/caliber/caliber.db", version: "0.1.0", wins: state.wins, cycle };
      case "import_data":
        return { wins: 2, people: 1, feedback: 0, duplicates: 3, kept_ids: false };
      default:
        return null;
    }
  },
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({
  open: async () => "/tmp/wins.csv",
  save: async () => "/tmp/backup.db",
}));

describe("ladderSourceText", () => {
  it("names the sources and the day they were checked", () => {
    expect(ladderSourceText({ source: { titles: ["A", "B"], checked: "2026-12-03", note: "" } })).toBe("Sources: A; B. Last checked 2026-12-03.");
  });
  it("says nothing for a ladder without sources", () => {
    expect(ladderSourceText({ source: undefined })).toBeNull();
    expect(ladderSourceText(null)).toBeNull();
  });
});

describe("Settings view", () => {
  it("checks the window before saving, then saves and reloads the ladder", async () => {
    const { ui } = await import("./state.svelte");
    const { default: Settings } = await import("../views/Settings.svelte");
    render(Settings);
    const start = (await screen.findByTestId("cycle-start")) as HTMLInputElement;
    await waitFor(() => expect(start.value).toBe("2025-07-01"));
    expect(screen.getByTestId("db-path").textContent).toContain("caliber.db");

    await fireEvent.input(start, { target: { value: "2026-08-01" } });
    await fireEvent.submit(screen.getByTestId("cycle-form"));
    expect(ui.toast?.kind).toBe("error");
    expect(ui.toast?.message).toMatch(/ends \(2026-06-30\) before it starts \(2026-08-01\)/);
    expect(calls.some((c) => c.cmd === "set_cycle")).toBe(false);

    await fireEvent.change(screen.getByTestId("cycle-ladder"), { target: { value: "first-time-manager" } });
    await waitFor(() => expect((screen.getByTestId("cycle-current") as HTMLInputElement).value).toBe("Senior IC"));
    expect(calls.find((c) => c.cmd === "cycle_levels")?.args).toEqual({ ladder: "first-time-manager" });
    await fireEvent.input(start, { target: { value: "2026-01-01" } });
    const version = ui.version;
    await fireEvent.submit(screen.getByTestId("cycle-form"));
    await waitFor(() => expect(ui.version).toBeGreaterThan(version));
    const sent = calls.find((c) => c.cmd === "set_cycle")?.args as { cycle: Cycle };
    expect(sent.cycle).toMatchObject({ ladder: "first-time-manager", current_level: "Senior IC", target_level: "First manager", start: "2026-01-01" });
    expect(calls.some((c) => c.cmd === "current_ladder")).toBe(true);
  });

  it("imports a file and offers Undo, and refuses the demo on a database with wins", async () => {
    const { ui } = await import("./state.svelte");
    const { default: Settings } = await import("../views/Settings.svelte");
    render(Settings);
    await fireEvent.change(await screen.findByTestId("import-format"), { target: { value: "csv" } });
    await fireEvent.click(screen.getByTestId("import"));
    await waitFor(() => expect(ui.toast?.message).toMatch(/^Imported 2 wins and 1 person \(3 already there\)/));
    expect(ui.toast?.undo).toBe(true);
    expect(calls.find((c) => c.cmd === "import_data")?.args).toEqual({ path: "/tmp/wins.csv", format: "csv" });

    const demo = screen.getByTestId("load-demo") as HTMLButtonElement;
    // One file action at a time: the buttons wait for the import to finish.
    await waitFor(() => expect(demo.disabled).toBe(false));
    await fireEvent.click(demo);
    await waitFor(() => expect(ui.toast?.message).toMatch(/only loads into an empty database/));
    expect(calls.some((c) => c.cmd === "load_demo")).toBe(false);

    await waitFor(() => expect(demo.disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("backup"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "backup_to")?.args).toEqual({ path: "/tmp/backup.db", force: true }));
  });

  it("shows the chosen ladder's sources beside it", async () => {
    const { default: Settings } = await import("../views/Settings.svelte");
    render(Settings);
    const pick = await screen.findByTestId("cycle-ladder");
    await waitFor(() => expect((pick as HTMLSelectElement).value).toBe("senior-manager"));
    expect(screen.queryByTestId("ladder-source")).toBeNull();
    await fireEvent.change(pick, { target: { value: "meta-m2" } });
    await waitFor(() =>
      expect(screen.getByTestId("ladder-source").textContent).toBe("Sources: Meta's engineering axes; Meta's PSC. Last checked 2026-12-03. In our own words."),
    );
  });
});
