// Undo and redo from the keyboard: Ctrl+Z asks the Rust side to undo, Ctrl+Shift+Z
// to redo, and the toast shows the library's own sentence, naming what changed.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { UndoReply } from "./api";

const undone: UndoReply = {
  undone: { action: "add", entity: "win", id: 12, message: "removed win 12 'Hired two managers', logged just now" },
  message: "Undone: removed win 12 'Hired two managers', logged just now.",
};
const redone: UndoReply = {
  undone: { action: "add", entity: "win", id: 12, message: "brought back win 12 'Hired two managers'" },
  message: "Redone: brought back win 12 'Hired two managers'.",
};
const nothing: UndoReply = { undone: null, message: "Nothing to undo since the restore of 2026-12-03 04:40." };

/** Every command the App sent, in order; `undo` answers from `undos` in turn. */
function fakeRust(undos: UndoReply[]): string[] {
  const calls: string[] = [];
  mockIPC(
    (cmd) => {
      calls.push(cmd);
      switch (cmd) {
        case "app_info":
          return { db_path: "/tmp/x.db", version: "0", wins: 0, cycle: null, encrypted: false };
        case "list_wins":
        case "list_people":
        case "list_feedback":
          return [];
        case "get_setting":
          return "yes";
        case "undo":
          return undos.shift() ?? nothing;
        case "redo":
          return redone;
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return calls;
}
afterEach(() => clearMocks());

describe("undo and redo keys", () => {
  it("Ctrl+Z undoes and Ctrl+Shift+Z redoes, each toast saying what the library said", async () => {
    const calls = fakeRust([undone]);
    const { default: App } = await import("../App.svelte");
    const { unmount } = render(App);
    await waitFor(() => expect(calls).toContain("list_wins"));

    await fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    await waitFor(() => expect(screen.getByText(undone.message)).toBeTruthy());
    expect(calls.filter((c) => c === "undo").length).toBe(1);
    expect(calls).not.toContain("redo");

    // Shift turns the key into redo (browsers report "Z" with Shift held).
    await fireEvent.keyDown(window, { key: "Z", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByText(redone.message)).toBeTruthy());
    expect(calls.filter((c) => c === "redo").length).toBe(1);
    expect(calls.filter((c) => c === "undo").length).toBe(1);

    // When undo stops at a barrier, the toast says why.
    await fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    await waitFor(() => expect(screen.getByText(nothing.message)).toBeTruthy());
    unmount();
    await new Promise((r) => setTimeout(r, 0));
  });
});
