// Pure helpers for the timeline: grouping by month and parsing the quick inputs.
// Kept out of components so they can be unit-tested without a window.
import type { PersonRef, Win } from "./api";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-03-14" -> "March 2026". */
export function monthLabel(date: string): string {
  const [y, m] = date.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** Wins (already newest first) grouped by month, in order. */
export function groupByMonth(wins: Win[]): { month: string; wins: Win[] }[] {
  const groups: { month: string; wins: Win[] }[] = [];
  for (const w of wins) {
    const month = monthLabel(w.date);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.wins.push(w);
    else groups.push({ month, wins: [w] });
  }
  return groups;
}

/** "Priya, Tom (involved)" -> people refs; "(involved)" marks a non-voucher. */
export function parsePeople(text: string): PersonRef[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const involved = /\(involved\)$/i.test(s);
      return { name: s.replace(/\(involved\)$/i, "").trim(), vouches: !involved };
    })
    .filter((p) => p.name.length > 0);
}

/** "a, #b c" -> ["a", "b", "c"] */
export function parseTags(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((t) => t.replace(/^[#@]/, "").trim().toLowerCase())
    .filter((t) => t.length > 0);
}

/** Today in local time as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** One row of the virtualized timeline: a month heading or a win under it. */
export type Row =
  | { kind: "month"; key: string; month: string; count: number; open: boolean }
  | { kind: "win"; key: string; win: Win; first: boolean; last: boolean };

/**
 * The wins as the flat rows the timeline renders: a heading before each run of wins
 * in the same month, then the wins, each knowing whether it opens or closes its run
 * (for the panel's rounded corners). Keys are unique even when a month comes back
 * twice (search results are in relevance order, not by date). Unless `complete`,
 * the last month is `open`: further pages may add to its count.
 */
export function timelineRows(wins: Win[], complete = true): Row[] {
  const rows: Row[] = [];
  let heading: Extract<Row, { kind: "month" }> | null = null;
  let prev: Extract<Row, { kind: "win" }> | null = null;
  for (const win of wins) {
    const month = monthLabel(win.date);
    if (!heading || heading.month !== month) {
      if (prev) prev.last = true;
      heading = { kind: "month", key: `m${win.id}`, month, count: 0, open: false };
      rows.push(heading);
      prev = null;
    }
    heading.count += 1;
    const row: Extract<Row, { kind: "win" }> = { kind: "win", key: `w${win.id}`, win, first: prev === null, last: false };
    rows.push(row);
    prev = row;
  }
  if (prev) prev.last = true;
  if (heading) heading.open = !complete;
  return rows;
}

/** The keys that move the timeline's focus from one win to another, and how far. */
const MOVES: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, j: 1, k: -1, PageDown: 10, PageUp: -10 };

/**
 * Where a key moves the timeline's roving focus: the index in `rows` of the win to
 * focus, or null when the key does not move it (or there is no win). `from` is the
 * index of the focused win, or -1 when none is. Month headings are skipped; Home and
 * End go to the first and last win loaded; a move past either end stops there.
 */
export function rovingTarget(rows: Row[], from: number, key: string): number | null {
  const wins = rows.flatMap((r, i) => (r.kind === "win" ? [i] : []));
  if (wins.length === 0) return null;
  if (key === "Home") return wins[0];
  if (key === "End") return wins[wins.length - 1];
  const step = MOVES[key];
  if (step === undefined) return null;
  const at = wins.indexOf(from);
  if (at < 0) return wins[0];
  return wins[Math.max(0, Math.min(wins.length - 1, at + step))];
}
