// Tests of encryption at rest in the UI: the new-passphrase check and the sentences,
// the unlock screen (a wrong passphrase, then the right one), the app starting on
// the unlock screen, and the Settings section, all on a fake Rust side (mockIPC).
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { EncryptionChange } from "./api";
import { MIN_PASSPHRASE_CHARS, checkNewPassphrase, encryptionChangeText } from "./encryption";

let confirmRemoval = true;
vi.mock("@tauri-apps/plugin-dialog", () => ({
  ask: async () => confirmRemoval,
  open: async () => null,
  save: async () => null,
}));

afterEach(async () => {
  // Unmount first, and let the app's clean-up (it stops listening) reach the fake IPC.
  cleanup();
  await new Promise((r) => setTimeout(r, 0));
  clearMocks();
  confirmRemoval = true;
});

const cycle = { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2025-07-01", end: "2026-06-30", target_date: null, is_default: false };
const ladder = { id: "senior-manager", name: "Senior Manager (L7)", current_level: "L6", target_level: "L7", summary: "", expectations: [] };
const info = (encrypted: boolean) => ({ db_path: "/home/me/caliber.db", version: "0.1.0", wins: 2, cycle, encrypted });
const LOCKED = { kind: "passphrase", message: "this database is encrypted: enter its passphrase to open /home/me/caliber.db" };
const WRONG = { kind: "passphrase", message: "wrong passphrase for /home/me/caliber.db; nothing was changed: type it again (passphrases are case-sensitive)" };

describe("checkNewPassphrase", () => {
  it("takes a long enough passphrase typed twice the same", () => {
    expect(checkNewPassphrase("correct horse battery", "correct horse battery")).toEqual({ passphrase: "correct horse battery" });
  });
  it("refuses an empty, a short or a mismatched one, saying what to fix", () => {
    expect(checkNewPassphrase("", "")).toEqual({ error: "Type a passphrase." });
    expect(checkNewPassphrase("x".repeat(MIN_PASSPHRASE_CHARS - 1), "x".repeat(MIN_PASSPHRASE_CHARS - 1))).toEqual({
      error: expect.stringMatching(/at least 8 characters/),
    });
    expect(checkNewPassphrase("correct horse battery", "correct horse batery")).toEqual({ error: expect.stringMatching(/differ/) });
  });
  it("counts characters, not UTF-16 units", () => {
    expect(checkNewPassphrase("🔑🔑🔑🔑", "🔑🔑🔑🔑")).toHaveProperty("error");
  });
});

describe("encryptionChangeText", () => {
  const change = (over: Partial<EncryptionChange> = {}): EncryptionChange => ({
    encrypted: true,
    wins: 2,
    previous: "/home/me/backups/before-encrypt-x.db",
    plain_copies: [],
    ...over,
  });
  it("names the unencrypted copies left behind after encrypting", () => {
    const t = encryptionChangeText(change({ plain_copies: ["/home/me/backups/before-encrypt-x.db", "/home/me/backups/caliber-2026-11-20.db"] }), false);
    expect(t).toMatch(/^Encrypted \(2 wins\)/);
    expect(t).toMatch(/2 copies are still unencrypted.*caliber-2026-11-20\.db/);
  });
  it("tells a change of passphrase and a removal apart", () => {
    expect(encryptionChangeText(change({ previous: "/b/old.db" }), true)).toMatch(/^Passphrase changed.*old passphrase still opens, is in \/b\/old\.db/);
    expect(encryptionChangeText(change({ encrypted: false }), true)).toMatch(/^Encryption removed/);
  });
});

describe("Unlock screen", () => {
  it("says a wrong passphrase is wrong, then opens with the right one", async () => {
    const tried: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "unlock") {
        const p = (args as { passphrase: string }).passphrase;
        tried.push(p);
        if (p !== "correct horse battery") throw WRONG;
        return null;
      }
    });
    const onUnlocked = vi.fn();
    const { default: Unlock } = await import("../views/Unlock.svelte");
    render(Unlock, { onUnlocked });
    const input = screen.getByTestId("unlock-passphrase") as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));

    await fireEvent.submit(screen.getByTestId("unlock-form"));
    expect(screen.getByTestId("unlock-error").textContent).toBe("Type the passphrase.");
    expect(tried).toEqual([]);

    await fireEvent.input(input, { target: { value: "wrong horse" } });
    await fireEvent.submit(screen.getByTestId("unlock-form"));
    await waitFor(() => expect(screen.getByTestId("unlock-error").textContent).toMatch(/^wrong passphrase/));
    expect(input.value).toBe("");
    expect(onUnlocked).not.toHaveBeenCalled();

    await fireEvent.input(input, { target: { value: "correct horse battery" } });
    await fireEvent.submit(screen.getByTestId("unlock-form"));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledTimes(1));
    expect(tried).toEqual(["wrong horse", "correct horse battery"]);
  });
});

describe("App start on an encrypted database", () => {
  it("shows the unlock screen first, then the normal views", async () => {
    let unlocked = false;
    mockIPC((cmd) => {
      switch (cmd) {
        case "app_info":
          if (!unlocked) throw LOCKED;
          return info(true);
        case "unlock":
          unlocked = true;
          return null;
        case "current_ladder":
          return ladder;
        case "get_setting":
          return "yes";
        case "list_wins":
        case "search_wins":
        case "suggest":
        case "suggest_principles":
        case "list_people":
          return [];
        default:
          return null;
      }
    }, { shouldMockEvents: true });
    const { default: App } = await import("../App.svelte");
    render(App);
    const input = (await screen.findByTestId("unlock-passphrase")) as HTMLInputElement;
    expect(screen.queryByTestId("fatal")).toBeNull();
    expect((screen.getByTestId("nav-log") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(input, { target: { value: "correct horse battery" } });
    await fireEvent.submit(screen.getByTestId("unlock-form"));
    await waitFor(() => expect(screen.queryByTestId("unlock")).toBeNull());
    expect((screen.getByTestId("nav-log") as HTMLButtonElement).disabled).toBe(false);
  });
});

describe("Encryption settings", () => {
  function fake(encrypted: boolean) {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "app_info") return info(encrypted);
      if (cmd === "set_passphrase") {
        const p = (args as { passphrase: string | null }).passphrase;
        encrypted = p !== null;
        return { encrypted, wins: 2, previous: "/home/me/backups/before-x.db", plain_copies: [] };
      }
      return null;
    });
    return calls;
  }

  it("encrypts only when the two passphrases match, and warns about a lost one", async () => {
    const calls = fake(false);
    const { default: EncryptionSettings } = await import("../components/settings/EncryptionSettings.svelte");
    render(EncryptionSettings);
    const pass = (await screen.findByTestId("encryption-passphrase")) as HTMLInputElement;
    expect(screen.getByTestId("encryption-warning").textContent).toMatch(/lost passphrase means lost data/);
    expect(screen.getByTestId("encryption-submit").textContent?.trim()).toBe("Encrypt");
    expect(screen.queryByTestId("encryption-remove")).toBeNull();

    await fireEvent.input(pass, { target: { value: "correct horse battery" } });
    await fireEvent.input(screen.getByTestId("encryption-confirm"), { target: { value: "correct horse batery" } });
    await fireEvent.submit(screen.getByTestId("encryption-form"));
    expect(screen.getByTestId("encryption-error").textContent).toMatch(/differ/);
    expect(calls.some((c) => c.cmd === "set_passphrase")).toBe(false);

    await fireEvent.input(screen.getByTestId("encryption-confirm"), { target: { value: "correct horse battery" } });
    await fireEvent.submit(screen.getByTestId("encryption-form"));
    await waitFor(() => expect(screen.getByTestId("encryption-submit").textContent?.trim()).toBe("Change passphrase"));
    expect(calls.find((c) => c.cmd === "set_passphrase")?.args).toEqual({ passphrase: "correct horse battery" });
    expect(pass.value).toBe("");
    expect(screen.getByTestId("encryption-remove")).toBeTruthy();
  });

  it("removes the encryption only after the warning is accepted", async () => {
    const calls = fake(true);
    const { default: EncryptionSettings } = await import("../components/settings/EncryptionSettings.svelte");
    render(EncryptionSettings);
    const remove = await screen.findByTestId("encryption-remove");
    confirmRemoval = false;
    await fireEvent.click(remove);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls.some((c) => c.cmd === "set_passphrase")).toBe(false);

    confirmRemoval = true;
    await fireEvent.click(remove);
    await waitFor(() => expect(calls.find((c) => c.cmd === "set_passphrase")?.args).toEqual({ passphrase: null }));
    await waitFor(() => expect(screen.getByTestId("encryption-state").textContent).toMatch(/not encrypted/));
  });

  it("shows Rust's refusal (another Caliber has the file open) next to the form", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_info") return info(false);
      if (cmd === "set_passphrase") {
        throw { kind: "invalid_input", message: "another Caliber has this database open (the app, or a caliber command still running); close it, then try again" };
      }
    });
    const { default: EncryptionSettings } = await import("../components/settings/EncryptionSettings.svelte");
    render(EncryptionSettings);
    await fireEvent.input(await screen.findByTestId("encryption-passphrase"), { target: { value: "correct horse battery" } });
    await fireEvent.input(screen.getByTestId("encryption-confirm"), { target: { value: "correct horse battery" } });
    await fireEvent.submit(screen.getByTestId("encryption-form"));
    await waitFor(() => expect(screen.getByTestId("encryption-error").textContent).toMatch(/close it, then try again/));
    expect(screen.getByTestId("encryption-submit").textContent?.trim()).toBe("Encrypt");
  });
});
