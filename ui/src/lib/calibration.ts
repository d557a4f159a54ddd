// Pure helpers for the Calibration view: the words of a provider's status (the
// library decides the status and the waiting; this only words them), moving
// through the rehearsal's questions, the 90-second summary timer, and how an
// error from the library is shown. Kept out of the components so they can be
// unit-tested without a window.
import type { ErrorKind, OutlineFormat, ProviderView, Question, Relation } from "./api";
import { ApiError } from "./api";
import { exportOptions } from "./outline";
import { relationLabel } from "./people";

/** The library's label for a relation (RELATIONS), or null when it is not known. */
export function relationName(r: Relation | null): string | null {
  return relationLabel(r) || null;
}

/** A provider's status as the row shows it, and the tone it is drawn in. */
export function statusOf(p: ProviderView): { text: string; tone: "neutral" | "asked" | "waiting" | "good" } {
  switch (p.status) {
    case "received":
      return { text: p.asked_on ? `Answered (asked ${p.asked_on})` : "Answered", tone: "good" };
    case "asked": {
      const asked = p.asked_on ? `Asked ${p.asked_on}` : "Asked";
      return p.waiting ? { text: `${asked}, waiting`, tone: "waiting" } : { text: asked, tone: "asked" };
    }
    default:
      return { text: "To ask", tone: "neutral" };
  }
}

/** True when the row's asked toggle is on: the library holds a day they were asked. */
export function isAsked(p: ProviderView): boolean {
  return p.asked_on !== null;
}

/** The question index after moving by `delta`, kept inside the list (no wrapping). */
export function step(index: number, count: number, delta: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}

/**
 * Where to stand after the questions were read again: on the same question (by
 * id) when it is still asked, else at the same place, kept inside the list.
 */
export function keepPlace(questions: Question[], currentId: string | null, index: number): number {
  const at = currentId === null ? -1 : questions.findIndex((q) => q.id === currentId);
  return at >= 0 ? at : step(index, questions.length, 0);
}

/** "3 of 17 · 5 answered". */
export function progressLabel(index: number, questions: Question[]): string {
  if (questions.length === 0) return "No questions";
  const answered = questions.filter((q) => q.answer !== null).length;
  return `${index + 1} of ${questions.length} · ${answered} answered`;
}

/** True for keys typed into a field, where the arrow keys move the caret instead. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/** What the rehearsal's keys do: move to the previous or next question, or nothing. */
export function keyMove(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; target: EventTarget | null }): -1 | 0 | 1 {
  if (e.ctrlKey || e.metaKey) return 0;
  // In the answer box the arrows move the caret: Alt+arrow moves between questions.
  if (isTyping(e.target) && !e.altKey) return 0;
  if (e.key === "ArrowLeft") return -1;
  if (e.key === "ArrowRight") return 1;
  return 0;
}

// ---------------------------------------------------------------------------------
// The summary timer: a countdown that can be stopped and started again.
// ---------------------------------------------------------------------------------

/** The timer's state: time run before the last start, and when it was started. */
export type Timer = { runMs: number; since: number | null };

export const newTimer = (): Timer => ({ runMs: 0, since: null });

/** Milliseconds run so far at `now`. */
export function elapsed(t: Timer, now: number): number {
  return t.runMs + (t.since === null ? 0 : Math.max(0, now - t.since));
}

/** Milliseconds left of `totalMs` at `now` (never below zero). */
export function remaining(t: Timer, now: number, totalMs: number): number {
  return Math.max(0, totalMs - elapsed(t, now));
}

/** Starts (or goes on) at `now`; a timer already running or run out is left as is. */
export function start(t: Timer, now: number, totalMs: number): Timer {
  if (t.since !== null || remaining(t, now, totalMs) === 0) return t;
  return { runMs: t.runMs, since: now };
}

/** Stops at `now`, keeping the time run. */
export function stop(t: Timer, now: number, totalMs: number): Timer {
  if (t.since === null) return t;
  return { runMs: Math.min(totalMs, elapsed(t, now)), since: null };
}

/** "1:30", "0:05": whole seconds left, rounded up so 0:00 shows only at the end. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** "1 minute 30 seconds", for screen readers. */
export function spokenTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const parts = [];
  if (m > 0) parts.push(`${m} ${m === 1 ? "minute" : "minutes"}`);
  if (s > 0 || m === 0) parts.push(`${s} ${s === 1 ? "second" : "seconds"}`);
  return parts.join(" ");
}

// ---------------------------------------------------------------------------------
// Errors from the library
// ---------------------------------------------------------------------------------

/** The library's words for an error kind, shown beside its message. */
const KIND_WORDS: Partial<Record<ErrorKind, string>> = {
  invalid_input: "Not accepted",
  not_found: "Not found",
  busy: "The database is busy",
  read_only: "The database is read-only",
  disk_full: "The disk is full",
  passphrase: "Locked",
};

/** An error as the view shows it: the library's message, and its kind. */
export function shownError(e: unknown): { kind: ErrorKind; heading: string; message: string } {
  const err = e instanceof ApiError ? e : new ApiError({ kind: "internal", message: String((e as Error)?.message ?? e) });
  return { kind: err.kind, heading: KIND_WORDS[err.kind] ?? "Could not do it", message: err.message };
}

// ---------------------------------------------------------------------------------
// The sponsor pack's preview and exports
// ---------------------------------------------------------------------------------

/**
 * The library's HTML page as the preview frame shows it: a policy that lets no
 * script run and nothing load from elsewhere, and links that cannot be followed
 * (the frame is sandboxed as well; this holds even where a sandbox is not).
 */
export function sandboxedPage(html: string): string {
  const head =
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<style>a { pointer-events: none; cursor: default; color: inherit; text-decoration: none; }</style>`;
  const at = html.search(/<head[^>]*>/i);
  if (at < 0) return head + html;
  const end = html.indexOf(">", at) + 1;
  return html.slice(0, end) + head + html.slice(end);
}

/** What the save dialog opens with for the pack in a format. */
export function packExportOptions(format: OutlineFormat): ReturnType<typeof exportOptions> {
  const o = exportOptions(format, false);
  return { ...o, defaultPath: o.defaultPath.replace(/^[^.]*/, "sponsor-pack") };
}
