// The IPC gateway: arguments reach the right command, and Rust's { kind, message }
// errors become ApiError with the message a person reads.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, ApiError, emptyDraft } from "./api";

afterEach(() => clearMocks());

describe("api", () => {
  it("sends the draft to log_win and returns the saved win", async () => {
    let seen: unknown;
    mockIPC((cmd, args) => {
      if (cmd === "log_win") {
        seen = args;
        return { id: 7, title: (args as { draft: { title: string } }).draft.title };
      }
    });
    const w = await api.logWin(emptyDraft("Hired two managers"));
    expect(w.id).toBe(7);
    expect((seen as { draft: { title: string; source: string } }).draft).toMatchObject({ title: "Hired two managers", source: "app" });
  });

  it("turns a Rust error into an ApiError with its kind and message", async () => {
    mockIPC(() => {
      throw { kind: "invalid_input", message: "date '2026-13-01' is not a valid date (use YYYY-MM-DD)" };
    });
    const err = await api.deleteWin(1).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe("invalid_input");
    expect(err.message).toContain("YYYY-MM-DD");
  });
});
