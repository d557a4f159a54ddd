// Pure logic of the People view: sorting, labels and the form clean-up before a
// person or a piece of feedback goes to Rust. Who vouches for what, the coverage
// and the providers are the library's people overview (api.peopleOverview).
import type { Feedback, FeedbackDraft, Person, PersonDraft, PersonOverview, Relation, Seniority, Win } from "./api";
import { RELATIONS } from "./generated/values";

/** The relations a person can have to the user, in the order the form lists them. */
export { RELATIONS };

/** The label of a relation, from the library's list; null -> "". */
export function relationLabel(r: Relation | null): string {
  if (!r) return "";
  return RELATIONS.find((x) => x.id === r)?.label ?? r;
}

export type PeopleSort = "name" | "vouches";

/** Sorted copy: by name, or by vouches (then feedback, then name). */
export function sortPeople(rows: PersonOverview[], by: PeopleSort): PersonOverview[] {
  const byName = (a: PersonOverview, b: PersonOverview) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" });
  return [...rows].sort((a, b) =>
    by === "vouches" ? b.vouches_for - a.vouches_for || b.feedback - a.feedback || byName(a, b) : byName(a, b),
  );
}

/** The wins naming a person, newest first, with whether they vouch for each. */
export function winsOfPerson(wins: Win[], personId: number): { win: Win; vouches: boolean }[] {
  return wins
    .filter((w) => w.people.some((p) => p.person_id === personId))
    .map((win) => ({ win, vouches: win.people.some((p) => p.person_id === personId && p.vouches) }))
    .sort((a, b) => b.win.date.localeCompare(a.win.date) || b.win.id - a.win.id);
}

/** Feedback newest first (by date, then by when it was recorded). */
export function newestFirst(feedback: Feedback[]): Feedback[] {
  return [...feedback].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
}

/** What the person form holds. */
export type PersonForm = { name: string; relation: string; org: string; notes: string; seniority?: Seniority | null };

export const emptyPersonForm = (): PersonForm => ({ name: "", relation: "", org: "", notes: "" });

/** The form for a person; their seniority rides along unchanged, so an edit keeps it. */
export function personForm(p: Person): PersonForm {
  return { name: p.name, relation: p.relation ?? "", org: p.org ?? "", notes: p.notes ?? "", seniority: p.seniority ?? null };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The form as a draft, or the reason it cannot be sent. */
export function personDraft(f: PersonForm): { draft: PersonDraft } | { error: string } {
  const name = f.name.trim();
  if (!name) return { error: "Give the person a name." };
  const relation = f.relation ? RELATIONS.find((r) => r.id === f.relation)?.id : null;
  if (relation === undefined) return { error: `'${f.relation}' is not a relation Caliber knows.` };
  return { draft: { name, relation, org: orNull(f.org), notes: orNull(f.notes), seniority: f.seniority ?? null } };
}

/** What the feedback form holds. */
export type FeedbackForm = { person: string; date: string; quote: string; expectation: string };

/** The form as a draft, or the reason it cannot be sent. */
export function feedbackDraft(f: FeedbackForm): { draft: FeedbackDraft } | { error: string } {
  const person = f.person.trim();
  if (!person) return { error: "Say who gave the feedback." };
  const quote = f.quote.trim();
  if (!quote) return { error: "Write down what they said." };
  return { draft: { person, date: orNull(f.date), quote, expectation: orNull(f.expectation) } };
}
