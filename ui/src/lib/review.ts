// Pure helpers for the Review view: heat levels, tones and the small phrases the
// page is made of. Kept out of the components so they can be unit-tested
// without a window.
import type { Cycle, ExpectationReview, Level, Review, Strength, TagLevel, WinView } from "./api";
import { AGO } from "./generated/values";

/** The shade of a heatmap cell: 0 = empty, 1 = one win, 2 = two or three, 3 = four or more. */
export type Heat = 0 | 1 | 2 | 3;

/** The heat level for a number of wins. */
export function heatLevel(count: number): Heat {
  if (!Number.isFinite(count) || count < 1) return 0;
  if (count < 2) return 1;
  if (count < 4) return 2;
  return 3;
}

/** The legend of the heatmap, lightest first. */
export const HEAT_LEGEND: { level: Heat; label: string }[] = [
  { level: 0, label: "0" },
  { level: 1, label: "1" },
  { level: 2, label: "2–3" },
  { level: 3, label: "4+" },
];

/** A color family, mapped to the design tokens by the components. */
export type Tone = "bad" | "warn" | "neutral" | "good" | "great";

/** The tone of a strength word: none is bad, thin a warning, solid and strong good. */
export function strengthTone(strength: Strength | string): Tone {
  switch (strength) {
    case "none":
      return "bad";
    case "thin":
      return "warn";
    case "developing":
      return "neutral";
    case "solid":
      return "good";
    case "strong":
      return "great";
    default:
      return "neutral";
  }
}

/** The tone of the readiness verdict ("ready", "close", "not yet"). */
export function readinessTone(label: string): "good" | "warn" | "bad" {
  const l = label.trim().toLowerCase();
  if (l === "ready") return "good";
  if (l === "close") return "warn";
  return "bad";
}

/** The verdict's label in words: "not-yet" -> "not yet". */
export function labelWords(label: string): string {
  return label.replace(/-/g, " ");
}

/** "not yet" -> "Not yet". */
export function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

/** plural(1, "win", "wins") -> "1 win"; plural(3, ...) -> "3 wins". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Weeks until the target date, as a phrase; null when no target date is set. */
export function weeksLeftLabel(weeks: number | null | undefined): string | null {
  if (weeks === null || weeks === undefined || !Number.isFinite(weeks)) return null;
  if (weeks <= 0) return "Target date reached";
  return `${plural(weeks, "week", "weeks")} left`;
}

/** "5 wins · 3 confirmed, 2 suggested"; "No wins" when there are none. */
export function winsLabel(e: Pick<ExpectationReview, "wins" | "confirmed" | "suggested">): string {
  if (e.wins === 0) return "No wins";
  const base = plural(e.wins, "win", "wins");
  if (e.suggested === 0) return `${base} · all confirmed`;
  if (e.confirmed === 0) return `${base} · all suggested`;
  return `${base} · ${e.confirmed} confirmed, ${e.suggested} suggested`;
}

/** The note shown when wins carry only suggested tags. */
export function unconfirmedNote(n: number): string {
  return n === 1 ? "1 win carries only suggested tags" : `${n} wins carry only suggested tags`;
}

/** "2026-Q1" -> { quarter: "Q1", year: "2026" }; anything else is kept whole. */
export function quarterParts(label: string): { quarter: string; year: string } {
  const m = /^(\d{4})-(Q[1-4])$/.exec(label.trim());
  return m ? { quarter: m[2], year: m[1] } : { quarter: label, year: "" };
}

/** The accessible title of one heatmap cell: "Strategy, 2026-Q1: 2 wins". */
export function cellTitle(expectation: string, quarter: string, count: number): string {
  return `${expectation}, ${quarter}: ${count === 0 ? "no wins" : plural(count, "win", "wins")}`;
}

/** The quarters of the heatmap's columns, oldest first, from every row. */
export function quartersOf(rows: Pick<ExpectationReview, "by_quarter">[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const c of r.by_quarter) seen.add(c.quarter);
  return [...seen].sort();
}

/** Wins of one row in one quarter (0 when the quarter is missing). */
export function countIn(row: Pick<ExpectationReview, "by_quarter">, quarter: string): number {
  return row.by_quarter.find((c) => c.quarter === quarter)?.wins ?? 0;
}

/** The title of an expectation id as the review names it (the id when unknown). */
export function titleOf(review: Pick<Review, "expectations">, id: string): string {
  return review.expectations.find((e) => e.id === id)?.title ?? id;
}

/** "2025-07-01 to 2026-06-30". */
export function windowLabel(cycle: Pick<Cycle, "start" | "end">): string {
  return `${cycle.start} to ${cycle.end}`;
}

/** Days between two ISO dates (b - a), or null when either cannot be read. */
export function daysBetween(a: string, b: string): number | null {
  const ta = Date.parse(`${a}T00:00:00Z`);
  const tb = Date.parse(`${b}T00:00:00Z`);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return null;
  return Math.round((tb - ta) / 86_400_000);
}

/** How long ago a number of days is, in the library's words (its AGO steps). */
export function ago(days: number): string {
  const step = AGO.find((s) => s.below === null || days < s.below) ?? AGO[AGO.length - 1];
  return step.text.replace("{n}", String(Math.trunc(days / step.per)));
}

/** The date with how long ago it was, "—" when there is no date. */
export function latestLabel(latest: string | null, asOf: string): string {
  if (!latest) return "—";
  const d = daysBetween(latest, asOf);
  return d === null ? latest : `${latest} (${ago(d)})`;
}

/** A level in the words the Review view shows. */
export function levelLabel(level: Level): string {
  switch (level) {
    case "below":
      return "Below the level";
    case "at":
      return "At the level";
    case "above":
      return "Above the level";
  }
}

/** The choices of a win's level override, "auto" first: the ladder judges again. */
export const LEVEL_CHOICES: { value: Level | "auto"; label: string }[] = [
  { value: "auto", label: "Auto: judge it again" },
  { value: "below", label: "Below the level" },
  { value: "at", label: "At the level" },
  { value: "above", label: "Above the level" },
];

/** The level a win shows for one expectation, as the library judged it. */
export function tagLevel(win: WinView, expectation: string): TagLevel | undefined {
  return win.levels.find((l) => l.expectation === expectation);
}

/** Every win id the review lists, once, in the order first listed. */
/** How many wins each expectation lists at first in the levels panel. */
export const LEVEL_WINS_SHOWN = 8;

/** The ids of the wins the levels panel shows: the first `shown` of each expectation. */
export function reviewWinIds(review: Review, shown = Infinity): number[] {
  return [...new Set(review.expectations.flatMap((e) => e.win_ids.slice(0, shown)))];
}

/** "2 at or above, 1 below" for an expectation's level counts. */
export function levelCountsLabel(e: ExpectationReview): string {
  const c = e.level_counts;
  const parts = [`${c.at + c.above} at or above`];
  if (c.below > 0) parts.push(`${c.below} below`);
  return parts.join(", ");
}
