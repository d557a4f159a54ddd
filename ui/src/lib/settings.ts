// Pure logic of the Settings view: checking the cycle form before it goes to Rust,
// labels for the reminder's day and hour, file names and filters for the dialogs,
// and the sentences that report an import or the demo. Unit-tested without a window.
import type { Cycle, DemoSummary, ImportSummary, Ladder } from "./api";
import { WEEKDAYS } from "./generated/values";

/** The quick-capture shortcut when the user has not chosen one (as in shell.rs). */
export { DEFAULT_SHORTCUT } from "./generated/values";

/** What the cycle form holds: every field as the inputs give it. */
export type CycleForm = {
  ladder: string;
  current_level: string;
  target_level: string;
  start: string;
  end: string;
  target_date: string;
};

export function cycleForm(c: Cycle): CycleForm {
  return {
    ladder: c.ladder,
    current_level: c.current_level,
    target_level: c.target_level,
    start: c.start,
    end: c.end,
    target_date: c.target_date ?? "",
  };
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The form as a cycle, or a sentence saying what to fix. */
export function validateCycle(f: CycleForm): { cycle: Cycle } | { error: string } {
  const ladder = f.ladder.trim();
  if (!ladder) return { error: "Choose a ladder." };
  const current = f.current_level.trim();
  const target = f.target_level.trim();
  if (!current || !target) return { error: "Give both your current level and the level you are going for." };
  const start = f.start.trim();
  const end = f.end.trim();
  if (!start || !end) return { error: "Give the review window both a first and a last day." };
  if (!isIsoDate(start)) return { error: `The window's first day '${start}' is not a date (YYYY-MM-DD).` };
  if (!isIsoDate(end)) return { error: `The window's last day '${end}' is not a date (YYYY-MM-DD).` };
  // ISO dates compare as strings.
  if (end < start) return { error: `The window ends (${end}) before it starts (${start}); pick an earlier first day.` };
  const targetDate = f.target_date.trim();
  if (targetDate && !isIsoDate(targetDate)) return { error: `The target date '${targetDate}' is not a date (YYYY-MM-DD).` };
  return {
    cycle: {
      ladder,
      current_level: current,
      target_level: target,
      start,
      end,
      target_date: targetDate || null,
      is_default: false,
    },
  };
}

/** Day names as the reminder stores the day: index 0 is the first (the library's list). */
export { WEEKDAYS };

export function weekdayLabel(d: number): string {
  return WEEKDAYS[d] ?? `day ${d}`;
}

/** 0..23 -> "09:00". */
export function hourLabel(h: number): string {
  return `${String(h).padStart(2, "0")}:00`;
}

export const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** "Friday at 16:00", or "Off". */
export function reminderLabel(r: { enabled: boolean; weekday: number; hour: number }): string {
  return r.enabled ? `${weekdayLabel(r.weekday)} at ${hourLabel(r.hour)}` : "Off";
}

/** A shortcut worth sending to Rust (which has the final word), or why not. */
export function checkShortcut(s: string): { shortcut: string } | { error: string } {
  const shortcut = s.trim();
  if (!shortcut) return { error: "Type a shortcut, e.g. CmdOrCtrl+Shift+L." };
  const parts = shortcut.split("+").map((p) => p.trim());
  if (parts.some((p) => !p)) return { error: `'${shortcut}' has an empty part; write keys joined by +, e.g. CmdOrCtrl+Shift+L.` };
  if (parts.length < 2) return { error: `'${shortcut}' has no modifier; a global shortcut needs one, e.g. CmdOrCtrl+Shift+L.` };
  return { shortcut: parts.join("+") };
}

/** Formats Caliber exports to, with the file extension and the name in the dialog. */
export const EXPORT_FORMATS = [
  { id: "backup", label: "Backup (JSON, everything)", ext: "json", filter: "Caliber backup" },
  { id: "csv", label: "CSV (spreadsheets)", ext: "csv", filter: "CSV" },
  { id: "markdown", label: "Markdown (brag document)", ext: "md", filter: "Markdown" },
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]["id"];

/** Formats Caliber imports; "auto" lets Rust tell from the file. */
export const IMPORT_FORMATS = [
  { id: "auto", label: "Tell from the file" },
  { id: "backup", label: "Caliber backup (JSON)" },
  { id: "csv", label: "CSV" },
  { id: "jrnl", label: "jrnl (jrnl --export json)" },
  { id: "markdown", label: "Markdown brag document" },
] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number]["id"];

/** What import_data takes: null lets Rust guess. */
export function importFormatArg(f: ImportFormat): string | null {
  return f === "auto" ? null : f;
}

/** The file extensions the import dialog offers for a format. */
export function importExtensions(f: ImportFormat): string[] {
  switch (f) {
    case "backup":
    case "jrnl":
      return ["json"];
    case "csv":
      return ["csv"];
    case "markdown":
      return ["md", "markdown", "txt"];
    default:
      return ["json", "csv", "md", "markdown", "txt"];
  }
}

/** A file name to propose in the save dialog: caliber-export-2026-03-14.csv. */
export function suggestedFileName(kind: "backup" | ExportFormat, today: string): string {
  if (kind === "backup") return `caliber-backup-${today}.db`;
  const ext = EXPORT_FORMATS.find((f) => f.id === kind)?.ext ?? "txt";
  return `caliber-export-${today}.${ext}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c". */
function listing(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** True when an import added anything (so there is something to undo). */
export function importAddedAnything(s: ImportSummary): boolean {
  return s.wins + s.people + s.feedback > 0;
}

/** The toast after an import: what came in, what was already there, and the way back. */
export function importSummaryText(s: ImportSummary): string {
  const dup = s.duplicates > 0 ? ` (${s.duplicates} already there)` : "";
  if (!importAddedAnything(s)) {
    return s.duplicates > 0
      ? `Nothing new to import: all ${count(s.duplicates, "entry was", "entries were")} already there.`
      : "The file held nothing to import.";
  }
  const parts = [count(s.wins, "win", "wins")];
  if (s.people > 0) parts.push(count(s.people, "person", "people"));
  if (s.feedback > 0) parts.push(count(s.feedback, "piece of feedback", "pieces of feedback"));
  const kept = s.kept_ids ? " Restored with their original ids." : "";
  return `Imported ${listing(parts)}${dup}.${kept} Undo takes it back.`;
}

/** The toast after loading the demo. */
export function demoSummaryText(s: DemoSummary): string {
  return `Loaded the demo: ${listing([count(s.wins, "win", "wins"), count(s.people, "person", "people"), count(s.feedback, "piece of feedback", "pieces of feedback")])}. The cycle now fits the demo; Undo takes the data back.`;
}

/** Why the demo cannot be loaded here, or null when it can. */
export function demoRefusal(wins: number): string | null {
  if (wins <= 0) return null;
  return `The demo only loads into an empty database, and this one has ${count(wins, "win", "wins")}. To try it without touching your evidence, run \`caliber demo --db demo.db\` in a terminal.`;
}

/** The line shown beside a ladder saying where its content came from and when it
 * was last checked; none for a ladder that does not say. */
export function ladderSourceText(l: Pick<Ladder, "source"> | null): string | null {
  const s = l?.source;
  if (!s || s.titles.length === 0) return null;
  const note = s.note ? ` ${s.note}` : "";
  return `Sources: ${s.titles.join("; ")}. Last checked ${s.checked}.${note}`;
}
