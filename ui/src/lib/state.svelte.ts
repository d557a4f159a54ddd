// Shared UI state: which view is open, a counter that bumps whenever the data
// changed (here or in another process), the ladder in use, and the toast.
import type { Ladder } from "./api";

export type View = "log" | "review" | "outline" | "people" | "settings";

export const VIEWS: { id: View; label: string; key: string }[] = [
  { id: "log", label: "Log", key: "1" },
  { id: "review", label: "Review", key: "2" },
  { id: "outline", label: "Outline", key: "3" },
  { id: "people", label: "People", key: "4" },
  { id: "settings", label: "Settings", key: "5" },
];

export type Toast = { message: string; kind: "info" | "error"; undo?: boolean };

export const ui = $state({
  view: "log" as View,
  /** Bumped after every change; views reload when it moves. */
  version: 0,
  ladder: null as Ladder | null,
  toast: null as Toast | null,
});

let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function toast(message: string, kind: Toast["kind"] = "info", undo = false) {
  ui.toast = { message, kind, undo };
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (ui.toast = null), kind === "error" ? 9000 : 6000);
}

export function changed() {
  ui.version += 1;
}

/** The title of an expectation id in the current ladder (the id when unknown). */
export function expectationTitle(id: string): string {
  return ui.ladder?.expectations.find((e) => e.id === id)?.title ?? id;
}
