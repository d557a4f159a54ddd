// The "Check a draft" panel's words: how each kind of finding reads to a person
// and what a check covered. What is a finding, where it is and what to do about it
// all come from the library's report; this only names them.
import type { Checked, FindingKind } from "./api";

/** How long typing must pause before the draft is checked again. */
export const CHECK_DELAY_MS = 300;

/** A short name for each kind of finding, shown beside its place in the draft. */
export const FINDING_LABELS: Record<FindingKind, string> = {
  invented_figure: "Figure not in your evidence",
  figure_not_in_cited: "Figure not in the cited win",
  unknown_win: "No such win",
  uncited_claim: "Claim without a citation",
  unsupported_quote: "Quote or witness not backed",
  uncovered_expectation: "Expectation not spoken to",
  forte_too_long: "Over the word limit",
};

/** "line:column", as an editor shows a place. */
export const place = (f: { line: number; column: number }) => `${f.line}:${f.column}`;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** What a check read: "12 sentences, 4 figures, 6 citations checked". */
export function checkedSummary(c: Checked): string {
  return `${plural(c.sentences, "sentence")}, ${plural(c.figures, "figure")}, ${plural(c.citations, "citation")} checked`;
}
