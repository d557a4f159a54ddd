// Names typed on a win, checked before saving: a name that is one person's (or
// nearly) is taken as theirs and said so; a name that fits several people or
// nobody is asked about, so nobody is added silently. Rust decides who fits
// (`match_people`); this only applies the answers.
import { api, type Candidate, type PersonLinks, type PersonRef } from "./api";

/** A name the person must choose for: one of the candidates, or someone new. */
export type NameQuestion = { index: number; typed: string; candidates: Candidate[] };

export type CheckedPeople = {
  /** The names to save, with each sure or likely match replaced by the stored name. */
  people: PersonRef[];
  /** "'Rebeca Tran' taken as Rebecca Tran", one per likely match. */
  notes: string[];
  /** Names still to decide, in order. */
  questions: NameQuestion[];
};

export async function checkPeople(people: PersonRef[]): Promise<CheckedPeople> {
  if (people.length === 0) return { people, notes: [], questions: [] };
  const matches = await api.matchPeople(people.map((p) => p.name));
  const out: CheckedPeople = { people: people.map((p) => ({ ...p })), notes: [], questions: [] };
  matches.forEach((m, index) => {
    const typed = people[index].name;
    if (m.kind === "one") {
      out.people[index].name = m.name;
      if (m.reason !== "exact" && m.reason !== "id") out.notes.push(`'${typed}' taken as ${m.name}`);
    } else {
      out.questions.push({ index, typed, candidates: m.kind === "several" ? m.candidates : [] });
    }
  });
  return out;
}

/**
 * The people to save once every name is settled: `decided` when the person has
 * answered every question, else the names as Rust reads them. `null` when a
 * question must be asked first; `ask` gets it.
 */
export async function settlePeople(
  people: PersonRef[],
  decided: PersonRef[] | undefined,
  ask: (checked: CheckedPeople) => void,
): Promise<{ people: PersonRef[]; taken: string[] } | null> {
  if (decided) return { people: decided, taken: [] };
  const checked = await checkPeople(people);
  if (checked.questions.length) {
    ask(checked);
    return null;
  }
  return { people: checked.people, taken: checked.notes };
}

/** Applies one answer: `name` is a candidate's name, or the typed name for someone new. */
export function answer(checked: CheckedPeople, name: string): CheckedPeople {
  const [q, ...rest] = checked.questions;
  if (!q) return checked;
  const people = checked.people.map((p, i) => (i === q.index ? { ...p, name } : p));
  return { ...checked, people, questions: rest };
}

/** "3 wins and 1 piece of feedback". */
export function linksText(l: PersonLinks): string {
  const wins = l.wins === 1 ? "1 win" : `${l.wins} wins`;
  const fb = l.feedback === 1 ? "1 piece of feedback" : `${l.feedback} pieces of feedback`;
  return `${wins} and ${fb}`;
}
