// Pure logic of the People view: who vouches for which wins and expectations, who
// counts as an outside voice, and the form clean-up before a person or a piece of
// feedback goes to Rust. Kept out of components so it can be unit-tested.
import type { Feedback, FeedbackDraft, Ladder, Person, PersonDraft, Relation, Seniority, Win } from "./api";

/** The relations a person can have to the user, in the order the form lists them. */
export const RELATIONS: { id: Relation; label: string }[] = [
  { id: "report", label: "Report" },
  { id: "skip-level-report", label: "Skip-level report" },
  { id: "peer", label: "Peer" },
  { id: "partner", label: "Partner" },
  { id: "manager", label: "Manager" },
  { id: "skip-level-manager", label: "Skip-level manager" },
];

/** A case wants this many feedback providers, at least... */
export const PROVIDERS_MIN = 4;
/** ...and rarely more than this. */
export const PROVIDERS_MAX = 6;

/** "skip-level-manager" -> "Skip-level manager"; null -> "". */
export function relationLabel(r: Relation | null): string {
  if (!r) return "";
  return RELATIONS.find((x) => x.id === r)?.label ?? r;
}

/** How many wins each person vouches for, by person id. */
export function vouchCounts(wins: Win[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const w of wins) {
    // A person named twice on one win still vouches for one win.
    const ids = new Set(w.people.filter((p) => p.vouches).map((p) => p.person_id));
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * The expectation ids covered by the wins a person vouches for, in the ladder's
 * order when a ladder is given (ids it does not know come last, alphabetically).
 */
export function expectationsCovered(wins: Win[], personId: number, ladder?: Ladder | null): string[] {
  const ids = new Set<string>();
  for (const w of wins) {
    if (!w.people.some((p) => p.person_id === personId && p.vouches)) continue;
    for (const t of w.expectations) ids.add(t.id);
  }
  return orderByLadder([...ids], ladder);
}

function orderByLadder(ids: string[], ladder?: Ladder | null): string[] {
  const order = new Map((ladder?.expectations ?? []).map((e, i) => [e.id, i]));
  return ids.sort((a, b) => {
    const ia = order.get(a) ?? Infinity;
    const ib = order.get(b) ?? Infinity;
    return ia !== ib ? ia - ib : a.localeCompare(b);
  });
}

/** One expectation of the ladder seen from who vouches for it. */
export type Coverage = {
  id: string;
  title: string;
  /** Wins tagged with it (confirmed or suggested). */
  wins: number;
  /** Of those, wins someone vouches for. */
  vouched: number;
  /** Names of the people who vouch for its wins, sorted. */
  vouchers: string[];
};

/** Every expectation of the ladder with its wins and vouchers, in ladder order. */
export function coverage(ladder: Ladder | null, wins: Win[]): Coverage[] {
  if (!ladder) return [];
  return ladder.expectations.map((e) => {
    const tagged = wins.filter((w) => w.expectations.some((t) => t.id === e.id));
    const vouchers = new Set<string>();
    let vouched = 0;
    for (const w of tagged) {
      const v = w.people.filter((p) => p.vouches);
      if (v.length > 0) vouched += 1;
      for (const p of v) vouchers.add(p.name);
    }
    return { id: e.id, title: e.title, wins: tagged.length, vouched, vouchers: [...vouchers].sort((a, b) => a.localeCompare(b)) };
  });
}

/** The expectations of the ladder nobody vouches for, with or without wins. */
export function unvouchedExpectations(ladder: Ladder | null, wins: Win[]): Coverage[] {
  return coverage(ladder, wins).filter((c) => c.vouched === 0);
}

/** An org's top level, lower-cased: "Payments / Checkout" -> "payments". */
export function topOrg(org: string): string {
  return (org.split(/[/>,]/)[0] ?? org).trim().toLowerCase();
}

/** The user's org when not set: the one most of their reports sit in. */
export function guessOwnOrg(people: Person[]): string | null {
  const counts = new Map<string, number>();
  for (const p of people) {
    if ((p.relation === "report" || p.relation === "skip-level-report") && p.org?.trim()) {
      const o = topOrg(p.org);
      counts.set(o, (counts.get(o) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [o, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== null && o < best)) {
      best = o;
      bestCount = c;
    }
  }
  return best;
}

/**
 * True when a person's word counts as coming from outside the user's org. The
 * user's own reporting chain never does; without orgs to compare, partners do.
 */
export function isOutside(p: Person, ownOrg: string | null): boolean {
  const chain = p.relation === "report" || p.relation === "skip-level-report" || p.relation === "manager" || p.relation === "skip-level-manager";
  if (chain) return false;
  const mine = ownOrg?.trim() ? topOrg(ownOrg) : null;
  if (p.org?.trim() && mine) return topOrg(p.org) !== mine;
  return p.relation === "partner";
}

/** Who can vouch for the case: people who vouch for a win or gave feedback. */
export type ProviderCount = { count: number; outside: number; ownOrg: string | null; guessed: boolean };

export function providers(people: Person[], wins: Win[], feedback: Feedback[], ownOrg: string | null): ProviderCount {
  const ids = new Set<number>();
  for (const w of wins) for (const p of w.people) if (p.vouches) ids.add(p.person_id);
  for (const f of feedback) ids.add(f.person_id);
  const set = ownOrg?.trim() ? ownOrg.trim() : null;
  const org = set ?? guessOwnOrg(people);
  const byId = new Map(people.map((p) => [p.id, p]));
  let outside = 0;
  let count = 0;
  for (const id of ids) {
    const p = byId.get(id);
    if (!p) continue; // deleted since
    count += 1;
    if (isOutside(p, org)) outside += 1;
  }
  return { count, outside, ownOrg: org, guessed: set === null && org !== null };
}

/** The hint under the coverage panel, in a sentence. */
export function providersHint(p: ProviderCount): string {
  const who = `${p.count} ${p.count === 1 ? "person" : "people"} can vouch for your case (${p.outside} outside your org).`;
  if (p.count >= PROVIDERS_MIN && p.outside > 0) return `${who} Enough providers; a case rarely needs more than ${PROVIDERS_MAX}.`;
  const need: string[] = [];
  if (p.count < PROVIDERS_MIN) need.push(`${PROVIDERS_MIN - p.count} more`);
  if (p.outside === 0) need.push("at least one outside your org");
  return `${who} A promotion case wants ${PROVIDERS_MIN} to ${PROVIDERS_MAX} feedback providers, some outside your org: ask ${need.join(", ")}.`;
}

/** A person with what the People view shows about them. */
export type PersonStats = {
  person: Person;
  /** Wins they vouch for. */
  vouches: number;
  /** Expectation ids those wins cover, in ladder order. */
  expectations: string[];
  /** Pieces of feedback from them. */
  feedback: number;
};

export function personStats(people: Person[], wins: Win[], feedback: Feedback[], ladder?: Ladder | null): PersonStats[] {
  const counts = vouchCounts(wins);
  const fb = new Map<number, number>();
  for (const f of feedback) fb.set(f.person_id, (fb.get(f.person_id) ?? 0) + 1);
  return people.map((person) => ({
    person,
    vouches: counts.get(person.id) ?? 0,
    expectations: expectationsCovered(wins, person.id, ladder),
    feedback: fb.get(person.id) ?? 0,
  }));
}

export type PeopleSort = "name" | "vouches";

/** Sorted copy: by name, or by vouches (then feedback, then name). */
export function sortPeople(stats: PersonStats[], by: PeopleSort): PersonStats[] {
  const byName = (a: PersonStats, b: PersonStats) => a.person.name.localeCompare(b.person.name, undefined, { sensitivity: "base" });
  return [...stats].sort((a, b) =>
    by === "vouches" ? b.vouches - a.vouches || b.feedback - a.feedback || byName(a, b) : byName(a, b),
  );
}

/** Only the items dated inside the review window (all of them without a window). */
export function inWindow<T extends { date: string }>(items: T[], window: { start: string; end: string } | null): T[] {
  if (!window) return items;
  return items.filter((x) => x.date >= window.start && x.date <= window.end);
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
