// Shared UI state: which view is open, a counter that bumps whenever the data
// changed (here or in another process), the ladder in use, and the toast.
import type { Ladder } from "./api";

export type View = "log" | "review" | "outline" | "people" | "settings" | "calibration";

export const VIEWS: { id: View; label: string; key: string }[] = [
  { id: "log", label: "Log", key: "1" },
  { id: "review", label: "Review", key: "2" },
  { id: "outline", label: "Outline", key: "3" },
  { id: "people", label: "People", key: "4" },
  { id: "settings", label: "Settings", key: "5" },
  { id: "calibration", label: "Calibration", key: "6" },
];

export type Toast = { message: string; kind: "info" | "error"; undo?: boolean };

/** The UI's shared state. The ladder and the toast are replaced whole, never changed
 * in place, so they are kept as they come (`$state.raw`): a deep proxy would make
 * every expectation title read in the timeline's rows go through a proxy. */
class UiState {
  view = $state<View>("log");
  /** Bumped after every change; views reload when it moves. */
  version = $state(0);
  ladder = $state.raw<Ladder | null>(null);
  toast = $state.raw<Toast | null>(null);
}

export const ui = new UiState();

let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function toast(message: string, kind: Toast["kind"] = "info", undo = false) {
  ui.toast = { message, kind, undo };
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (ui.toast = null), kind === "error" ? 9000 : 6000);
}

export function changed() {
  ui.version += 1;
}

const titlesOf = new WeakMap<Ladder, Map<string, string>>();

/** The title of an expectation id in the current ladder (the id when unknown). */
export function expectationTitle(id: string): string {
  const ladder = ui.ladder;
  if (!ladder) return id;
  let titles = titlesOf.get(ladder);
  if (!titles) {
    titles = new Map(ladder.expectations.map((e) => [e.id, e.title]));
    titlesOf.set(ladder, titles);
  }
  return titles.get(id) ?? id;
}
