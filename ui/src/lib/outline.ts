// Pure helpers for the Outline view: citations split out of the draft's text
// (so it renders as text, never as HTML), word counts of the short review texts
// (Forte and its equivalents), and the export targets. Kept out of the components
// so they can be unit-tested.
import type { OutlineFormat, Para, Relation, ShortEdit, ShortReview } from "./api";
import { RELATIONS } from "./generated/values";

/** A piece of a paragraph: plain text, or a citation of a win id. */
export type Part = { text: string } | { cite: number };

/** True when the part is a citation. */
export function isCite(p: Part): p is { cite: number } {
  return "cite" in p;
}

/**
 * "Led X [#12] and Y [#7]." -> text "Led X ", cite 12, text " and Y ", cite 7, text ".".
 * Only `[#digits]` is a citation; anything else ("[#x]", "[#12") stays text.
 */
export function splitCitations(text: string): Part[] {
  const parts: Part[] = [];
  const pieces = text.split(/\[#(\d+)\]/);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (i % 2 === 1) {
      const id = Number(piece);
      if (Number.isSafeInteger(id)) {
        parts.push({ cite: id });
        continue;
      }
      pushText(parts, `[#${piece}]`);
    } else if (piece.length > 0) {
      pushText(parts, piece);
    }
  }
  return parts;
}

function pushText(parts: Part[], text: string) {
  const last = parts[parts.length - 1];
  if (last && !isCite(last)) last.text += text;
  else parts.push({ text });
}

/** Every win id a text cites, in order, without repeats. */
export function citesOf(text: string): number[] {
  const out: number[] = [];
  for (const p of splitCitations(text)) if (isCite(p) && !out.includes(p.cite)) out.push(p.cite);
  return out;
}

/** Every win id the paragraphs cite, in order, without repeats. */
export function citedIds(paras: Para[]): number[] {
  const out: number[] = [];
  for (const p of paras) for (const id of citesOf(p.text)) if (!out.includes(id)) out.push(id);
  return out;
}

/** The text as a reader sees it pasted elsewhere: citations removed, spacing tidied. */
export function stripCitations(text: string): string {
  return text
    .replace(/\s*\[#\d+\]/g, "")
    .replace(/[ \t]+([.,;:!?)])/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

/** Words in a text, not counting `[#id]` citations (they are not pasted into the form). */
export function wordCount(text: string): number {
  const t = stripCitations(text);
  return t.length === 0 ? 0 : t.split(/\s+/).length;
}

/** "42/60 words". */
export function wordCountLabel(n: number, max: number): string {
  return `${n}/${max} ${max === 1 ? "word" : "words"}`;
}

/** The formats the toolbar exports, in its order. */
export const EXPORTS: { format: OutlineFormat; label: string; ext: string; filter: string }[] = [
  { format: "markdown", label: "Markdown", ext: "md", filter: "Markdown" },
  { format: "html", label: "HTML", ext: "html", filter: "HTML" },
  { format: "docx", label: "DOCX", ext: "docx", filter: "Word document" },
];

/** What the save dialog is opened with for a format: a default name and one filter. */
export function exportOptions(
  format: OutlineFormat,
  shortReview: boolean,
): { defaultPath: string; filters: { name: string; extensions: string[] }[] } {
  const e = EXPORTS.find((x) => x.format === format) ?? { ext: format === "json" ? "json" : format, filter: format.toUpperCase() };
  const base = shortReview ? "short-review" : "promotion-case";
  return { defaultPath: `${base}.${e.ext}`, filters: [{ name: e.filter, extensions: [e.ext] }] };
}

/** "skip-level-manager" -> "skip-level manager", as a sentence says it. */
export function relationLabel(r: Relation | null): string | null {
  return r ? (RELATIONS.find((x) => x.id === r)?.words ?? r) : null;
}

/** One short review text as edited by the user, with the generated text it started from. */
export type TextEdit = { original: string; text: string };

/** The text to show: the user's edit while the generated text is unchanged, else the generated one. */
export function currentText(edit: TextEdit | undefined, generated: string): string {
  return edit && edit.original === generated ? edit.text : generated;
}

/** A slot of the short review: its key for edits ("t0p1" is text 0, paragraph 1), place, text and word limit. */
export type Slot = { key: string; text: number; para: number; generated: string; max: number };

/** Every paragraph of the short review, in the form's order, each with its key and limit. */
export function shortSlots(r: ShortReview): Slot[] {
  return r.texts.flatMap((t, i) =>
    t.paras.map((p, j) => ({ key: `t${i}p${j}`, text: i, para: j, generated: p.text, max: t.max_words })),
  );
}

/** The user's edits that still apply, as the library takes them to write the texts. */
export function shortEdits(r: ShortReview, edits: Record<string, TextEdit>): ShortEdit[] {
  return shortSlots(r)
    .map((s) => ({ text: s.text, para: s.para, value: currentText(edits[s.key], s.generated), generated: s.generated }))
    .filter((e) => e.value !== e.generated)
    .map(({ text, para, value }) => ({ text, para, value }));
}
