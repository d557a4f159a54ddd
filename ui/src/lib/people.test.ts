// Tests of the People view: the pure logic (vouch counts, expectations covered, the
// unvouched expectations, the provider count) and the view mounted on a fake Rust side.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Feedback, Ladder, Person, Win } from "./api";
import {
  coverage,
  expectationsCovered,
  feedbackDraft,
  guessOwnOrg,
  inWindow,
  isOutside,
  newestFirst,
  personDraft,
  personForm,
  personStats,
  providers,
  providersHint,
  relationLabel,
  sortPeople,
  topOrg,
  unvouchedExpectations,
  vouchCounts,
  winsOfPerson,
} from "./people";

function person(id: number, name: string, relation: Person["relation"] = null, org: string | null = null): Person {
  return { id, name, relation, org, notes: null, created_at: "2026-01-01T00:00:00Z", seniority: null };
}

let nextId = 1;
function win(date: string, expectations: string[], people: [number, string, boolean][]): Win {
  return {
    id: nextId++,
    date,
    logged_at: `${date}T09:00:00Z`,
    updated_at: `${date}T09:00:00Z`,
    title: `win on ${date}`,
    situation: null,
    action: null,
    result: null,
    notes: null,
    metric: null,
    scope: "team",
    people: people.map(([person_id, name, vouches]) => ({ person_id, name, vouches })),
    links: [],
    tags: [],
    expectations: expectations.map((id, i) => ({ id, confirmed: i === 0 })),
    principles: [],
    source: "app",
  };
}

function feedback(id: number, person_id: number, person_name: string, date: string): Feedback {
  return { id, person_id, person_name, date, quote: `quote ${id}`, expectation: null, created_at: `${date}T10:00:00Z` };
}

const ladder = {
  id: "senior-manager",
  name: "Senior Manager (L7)",
  current_level: "L6",
  target_level: "L7",
  summary: "",
  expectations: ["team-delivery", "hire-develop-managers", "delegation", "strategy"].map((id) => ({
    id,
    title: id.toUpperCase(),
    description: "",
    strong_evidence: [],
    signals: { keywords: [], phrases: [] },
    panel_questions: [],
    next_steps: [],
    examples: [],
  })),
} as unknown as Ladder;

const priya = person(1, "Priya", "peer", "Payments");
const tom = person(2, "tom", "report", "Search");
const ana = person(3, "Ana", "partner", null);
const people = [priya, tom, ana];

const wins = [
  win("2026-01-10", ["strategy", "team-delivery"], [[1, "Priya", true], [2, "tom", false]]),
  win("2026-02-03", ["hire-develop-managers"], [[1, "Priya", true], [1, "Priya", true]]),
  win("2026-03-01", ["team-delivery"], [[2, "tom", true]]),
  win("2026-03-05", ["delegation"], [[3, "Ana", false]]),
];

describe("vouchCounts", () => {
  it("counts each win once per person, only when they vouch", () => {
    const c = vouchCounts(wins);
    expect(c.get(1)).toBe(2);
    expect(c.get(2)).toBe(1);
    expect(c.has(3)).toBe(false);
  });
  it("is empty without wins", () => {
    expect(vouchCounts([]).size).toBe(0);
  });
});

describe("expectationsCovered", () => {
  it("lists the expectations of the wins a person vouches for, in ladder order", () => {
    expect(expectationsCovered(wins, 1, ladder)).toEqual(["team-delivery", "hire-develop-managers", "strategy"]);
  });
  it("ignores wins where the person is only involved", () => {
    expect(expectationsCovered(wins, 2, ladder)).toEqual(["team-delivery"]);
    expect(expectationsCovered(wins, 3, ladder)).toEqual([]);
  });
  it("puts ids the ladder does not know last, alphabetically", () => {
    const w = [win("2026-01-01", ["zeta", "alpha", "delegation"], [[9, "X", true]])];
    expect(expectationsCovered(w, 9, ladder)).toEqual(["delegation", "alpha", "zeta"]);
    expect(expectationsCovered(w, 9)).toEqual(["alpha", "delegation", "zeta"]);
  });
});

describe("coverage and unvouchedExpectations", () => {
  it("counts wins, vouched wins and vouchers per expectation", () => {
    const c = coverage(ladder, wins);
    expect(c.map((x) => [x.id, x.wins, x.vouched])).toEqual([
      ["team-delivery", 2, 2],
      ["hire-develop-managers", 1, 1],
      ["delegation", 1, 0],
      ["strategy", 1, 1],
    ]);
    expect(c[0].vouchers).toEqual(["Priya", "tom"]);
    expect(c[0].title).toBe("TEAM-DELIVERY");
  });
  it("lists expectations nobody vouches for, with or without wins", () => {
    expect(unvouchedExpectations(ladder, wins).map((c) => c.id)).toEqual(["delegation"]);
    expect(unvouchedExpectations(ladder, []).map((c) => c.id)).toEqual(["team-delivery", "hire-develop-managers", "delegation", "strategy"]);
  });
  it("is empty before the ladder loads", () => {
    expect(unvouchedExpectations(null, wins)).toEqual([]);
  });
});

describe("personStats and sortPeople", () => {
  const fb = [feedback(1, 3, "Ana", "2026-01-02"), feedback(2, 3, "Ana", "2026-02-02"), feedback(3, 2, "tom", "2026-02-03")];
  const stats = personStats(people, wins, fb, ladder);
  it("joins vouches, expectations and feedback to each person", () => {
    expect(stats.map((s) => [s.person.name, s.vouches, s.feedback])).toEqual([
      ["Priya", 2, 0],
      ["tom", 1, 1],
      ["Ana", 0, 2],
    ]);
  });
  it("sorts by name without regard to case", () => {
    expect(sortPeople(stats, "name").map((s) => s.person.name)).toEqual(["Ana", "Priya", "tom"]);
  });
  it("sorts by vouches, then feedback, then name", () => {
    expect(sortPeople(stats, "vouches").map((s) => s.person.name)).toEqual(["Priya", "tom", "Ana"]);
    const tie = personStats([person(5, "Zed"), person(4, "Bea")], [], []);
    expect(sortPeople(tie, "vouches").map((s) => s.person.name)).toEqual(["Bea", "Zed"]);
  });
  it("does not reorder its input", () => {
    sortPeople(stats, "name");
    expect(stats[0].person.name).toBe("Priya");
  });
});

describe("winsOfPerson and newestFirst", () => {
  it("lists the wins naming a person, newest first, with the vouch flag", () => {
    expect(winsOfPerson(wins, 2).map((x) => [x.win.date, x.vouches])).toEqual([
      ["2026-03-01", true],
      ["2026-01-10", false],
    ]);
  });
  it("orders feedback by date, then by id", () => {
    const f = [feedback(1, 1, "P", "2026-01-01"), feedback(2, 1, "P", "2026-03-01"), feedback(3, 1, "P", "2026-01-01")];
    expect(newestFirst(f).map((x) => x.id)).toEqual([2, 3, 1]);
  });
});

describe("providers", () => {
  it("counts vouchers and feedback givers once, and who is outside the org", () => {
    const fb = [feedback(1, 3, "Ana", "2026-01-02")];
    const p = providers(people, wins, fb, "Search");
    expect(p.count).toBe(3);
    // Priya (peer, Payments) and Ana (partner, no org) are outside; tom is a report.
    expect(p.outside).toBe(2);
    expect(p.guessed).toBe(false);
  });
  it("guesses the user's org from their reports when not set", () => {
    const p = providers(people, wins, [], null);
    expect(p.ownOrg).toBe("search");
    expect(p.guessed).toBe(true);
    expect(p.outside).toBe(1);
  });
  it("skips people deleted since", () => {
    expect(providers([], wins, [], null).count).toBe(0);
  });
  it("says what is missing", () => {
    expect(providersHint({ count: 1, outside: 0, ownOrg: null, guessed: false })).toMatch(/4 to 6.*3 more, at least one outside your org/);
    expect(providersHint({ count: 5, outside: 2, ownOrg: null, guessed: false })).toMatch(/Enough providers/);
    expect(providersHint({ count: 1, outside: 1, ownOrg: null, guessed: false })).toMatch(/^1 person can vouch/);
  });
});

describe("orgs", () => {
  it("compares orgs at their top level", () => {
    expect(topOrg(" Payments / Checkout")).toBe("payments");
    expect(topOrg("Ads > Ranking")).toBe("ads");
  });
  it("never counts the reporting chain as outside", () => {
    expect(isOutside(person(1, "M", "manager", "Elsewhere"), "Search")).toBe(false);
    expect(isOutside(person(1, "P", "peer", "Search / Infra"), "search")).toBe(false);
    expect(isOutside(person(1, "P", "peer", "Ads"), "Search")).toBe(true);
    expect(isOutside(person(1, "P", "peer", null), "Search")).toBe(false);
    expect(isOutside(person(1, "P", "partner", null), null)).toBe(true);
  });
  it("picks the most common org of the reports, ties by name", () => {
    expect(guessOwnOrg([person(1, "a", "report", "B"), person(2, "b", "report", "A"), person(3, "c", "peer", "C")])).toBe("a");
    expect(guessOwnOrg([person(1, "a", "report", "B"), person(2, "b", "skip-level-report", "B / x"), person(3, "c", "report", "A")])).toBe("b");
    expect(guessOwnOrg([person(1, "a", "peer", "B")])).toBeNull();
  });
});

describe("forms", () => {
  it("cleans a person draft", () => {
    expect(personDraft({ name: "  Priya ", relation: "peer", org: " ", notes: "x " })).toEqual({
      draft: { name: "Priya", relation: "peer", org: null, notes: "x", seniority: null },
    });
    expect(personDraft({ name: "P", relation: "", org: "", notes: "" })).toEqual({
      draft: { name: "P", relation: null, org: null, notes: null, seniority: null },
    });
  });
  it("keeps a person's seniority through an edit of the form", () => {
    const p = { ...person(3, "Dana"), seniority: "above" as const };
    expect(personDraft(personForm(p))).toMatchObject({ draft: { name: "Dana", seniority: "above" } });
  });
  it("refuses a person without a name or with an unknown relation", () => {
    expect(personDraft({ name: " ", relation: "", org: "", notes: "" })).toHaveProperty("error");
    expect(personDraft({ name: "P", relation: "boss", org: "", notes: "" })).toHaveProperty("error");
  });
  it("cleans a feedback draft and refuses an empty one", () => {
    expect(feedbackDraft({ person: "Ana ", date: "", quote: " Great ", expectation: "" })).toEqual({
      draft: { person: "Ana", date: null, quote: "Great", expectation: null },
    });
    expect(feedbackDraft({ person: "", date: "", quote: "x", expectation: "" })).toHaveProperty("error");
    expect(feedbackDraft({ person: "A", date: "", quote: "  ", expectation: "" })).toHaveProperty("error");
  });
  it("labels relations", () => {
    expect(relationLabel("skip-level-manager")).toBe("Skip-level manager");
    expect(relationLabel(null)).toBe("");
  });
});

describe("inWindow", () => {
  it("keeps what is dated inside the window, both ends included", () => {
    const w = { start: "2026-01-10", end: "2026-03-01" };
    expect(inWindow(wins, w).map((x) => x.date)).toEqual(["2026-01-10", "2026-02-03", "2026-03-01"]);
    expect(inWindow(wins, null)).toHaveLength(4);
  });
});

// The view itself, mounted against a fake Rust side: it loads, lists people with
// their vouches, expands one, and sends the forms' drafts.

const calls: { cmd: string; args: unknown }[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: unknown) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "list_people":
        return people;
      case "list_wins":
        return wins;
      case "list_feedback":
        return [feedback(1, 3, "Ana", "2026-02-01")];
      case "get_setting":
        return null;
      case "get_cycle":
        return { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2026-01-01", end: "2026-12-31", target_date: null, is_default: false };
      case "add_person":
        return { ...person(9, (args as { draft: { name: string } }).draft.name), created_at: "" };
      case "add_feedback":
        return feedback(10, 1, "Priya", "2026-03-01");
      default:
        return null;
    }
  },
}));

describe("People view", () => {
  it("lists people with what they vouch for, and expands one", async () => {
    const { ui } = await import("./state.svelte");
    ui.ladder = ladder;
    const { default: People } = await import("../views/People.svelte");
    render(People);
    await waitFor(() => expect(screen.getAllByTestId("person-item")).toHaveLength(3));
    const items = screen.getAllByTestId("person-item");
    expect(items.map((i) => i.querySelector(".name")?.textContent)).toEqual(["Ana", "Priya", "tom"]);
    expect(items[1].textContent).toContain("vouches for 2 wins");
    expect(items[1].textContent).toContain("HIRE-DEVELOP-MANAGERS");
    expect(items[0].textContent).toContain("1 feedback");

    await fireEvent.change(screen.getByTestId("people-sort"), { target: { value: "vouches" } });
    await waitFor(() => expect(screen.getAllByTestId("person-item")[0].querySelector(".name")?.textContent).toBe("Priya"));

    await fireEvent.click(screen.getAllByTestId("person-select")[0]);
    const detail = await screen.findByTestId("person-detail");
    expect(detail.textContent).toContain("win on 2026-02-03");

    expect(screen.getByTestId("unvouched").textContent).toContain("DELEGATION");
    expect(screen.getByTestId("providers-hint").textContent).toMatch(/3 people can vouch/);
  });

  it("adds a person and feedback through the API", async () => {
    const { default: People } = await import("../views/People.svelte");
    const { container } = render(People);
    await waitFor(() => expect(container.querySelectorAll("[data-testid=person-item]").length).toBe(3));
    const form = container.querySelector("[data-testid=person-add-form]") as HTMLFormElement;
    await fireEvent.input(form.querySelector("[data-testid=person-name]")!, { target: { value: "  Lee " } });
    await fireEvent.change(form.querySelector("[data-testid=person-relation]")!, { target: { value: "partner" } });
    await fireEvent.submit(form);
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_person")).toBe(true));
    expect(calls.find((c) => c.cmd === "add_person")?.args).toEqual({ draft: { name: "Lee", relation: "partner", org: null, notes: null, seniority: null } });

    const fb = container.querySelector("[data-testid=feedback-form]") as HTMLFormElement;
    await fireEvent.input(fb.querySelector("[data-testid=feedback-person]")!, { target: { value: "Priya" } });
    const quote = fb.querySelector("[data-testid=feedback-quote]")!;
    await fireEvent.input(quote, { target: { value: "Sharp work" } });
    await fireEvent.keyDown(quote, { key: "Enter" });
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_feedback")).toBe(true));
    const sent = calls.find((c) => c.cmd === "add_feedback")?.args as { draft: { person: string; quote: string } };
    expect(sent.draft.person).toBe("Priya");
    expect(sent.draft.quote).toBe("Sharp work");
  });
});
