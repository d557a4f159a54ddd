// The App's start on a fake Rust side: which reads a focus of the window causes.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emptyDraft, type Win } from "./api";

const wins: Win[] = [1, 2, 3].map((id) => ({
  ...emptyDraft(`Win ${id}`),
  id,
  date: "2026-11-0" + id,
  logged_at: "2026-11-01T09:00:00Z",
  updated_at: "2026-11-01T09:00:00Z",
  people: [],
}));

/** Every command the App sent, in order. */
function fakeRust(): string[] {
  const calls: string[] = [];
  mockIPC(
    (cmd) => {
      calls.push(cmd);
      switch (cmd) {
        case "app_info":
          return { db_path: "/tmp/x.db", version: "0", wins: wins.length, cycle: null, encrypted: false };
        case "list_wins":
          return wins;
        case "get_setting":
          return "yes";
        case "people_overview":
          return { cycle: { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2026-01-01", end: "2026-12-31", target_date: null, is_default: false }, people: [], coverage: [], providers: { count: 0, outside_org: 0, at_or_above: 0, senior_voices: 0, missing_voices: [], names: [], unvouched: [], ask: [], summary: "" }, own_org: null, own_org_guessed: false };
        case "list_people":
        case "list_feedback":
          return [];
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return calls;
}
afterEach(() => clearMocks());

describe("App start", () => {
  it("reloads on a focus once started, even when another view was chosen before the Log showed", async () => {
    const calls = fakeRust();
    const { default: App } = await import("../App.svelte");
    const { unmount } = render(App);
    // Chosen while the start still reads: the Log never reports a first view.
    await fireEvent.click(screen.getByTestId("nav-people"));
    await waitFor(() => expect(calls).toContain("people_overview"));
    await waitFor(() => expect(screen.getByTestId("people-list")).toBeTruthy());
    const before = calls.filter((c) => c === "people_overview").length;
    window.dispatchEvent(new Event("focus"));
    await waitFor(() => expect(calls.filter((c) => c === "people_overview").length).toBe(before + 1));
    // Unmounted while the fake event plugin is still there (the App stops listening).
    unmount();
    await new Promise((r) => setTimeout(r, 0));
  });
});
