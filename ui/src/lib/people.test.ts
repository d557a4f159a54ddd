// Tests of the People view: the form clean-up and sorting, and the view mounted on a
// fake Rust side, rendering the people overview the library computes.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Feedback, Ladder, Person, Win } from "./api";
import type { PeopleOverview, PersonOverview } from "./api";
import {
  feedbackDraft,
  newestFirst,
  personDraft,
  personForm,
  relationLabel,
  sortPeople,
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

/** A row of the overview, as Rust sends it. */
function row(p: Person, vouches_for: number, expectations: string[], feedback: number): PersonOverview {
  return { ...p, effective_seniority: null, vouches_for, expectations, feedback };
}

describe("sortPeople", () => {
  const rows = [row(priya, 2, [], 0), row(tom, 1, [], 1), row(ana, 0, [], 2)];
  it("sorts by name without regard to case", () => {
    expect(sortPeople(rows, "name").map((s) => s.name)).toEqual(["Ana", "Priya", "tom"]);
  });
  it("sorts by vouches, then feedback, then name", () => {
    expect(sortPeople(rows, "vouches").map((s) => s.name)).toEqual(["Priya", "tom", "Ana"]);
    const tie = [row(person(5, "Zed"), 0, [], 0), row(person(4, "Bea"), 0, [], 0)];
    expect(sortPeople(tie, "vouches").map((s) => s.name)).toEqual(["Bea", "Zed"]);
  });
  it("does not reorder its input", () => {
    sortPeople(rows, "name");
    expect(rows[0].name).toBe("Priya");
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

// The view itself, mounted against a fake Rust side: it renders the overview it is
// given (nothing of it recomputed), expands one person, and sends the forms' drafts.

const cycle = { ladder: "senior-manager", current_level: "L6", target_level: "L7", start: "2026-01-01", end: "2026-12-31", target_date: null, is_default: false };
// Numbers no rule in the UI could come to from `wins`: the view shows what it is given.
const overview: PeopleOverview = {
  cycle,
  people: [row(ana, 0, [], 1), row(priya, 7, ["hire-develop-managers", "strategy"], 0), row(tom, 3, ["team-delivery"], 0)],
  coverage: [
    { id: "team-delivery", title: "TEAM-DELIVERY", wins: 5, vouched: 4, vouchers: ["Priya", "tom"] },
    { id: "delegation", title: "DELEGATION", wins: 2, vouched: 0, vouchers: [] },
  ],
  providers: {
    count: 3, outside_org: 2, at_or_above: 0, senior_voices: 2, missing_voices: [], names: ["Ana", "Priya", "tom"],
    unvouched: ["delegation"], ask: [], summary: "3 people can vouch for your case (2 outside your org, 0 at or above L7).",
  },
  own_org: "search",
  own_org_guessed: true,
};

const calls: { cmd: string; args: unknown }[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: unknown) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "people_overview":
        return overview;
      case "list_wins": {
        const id = (args as { filter: { person: number | null } }).filter.person;
        return wins.filter((w) => id === null || w.people.some((p) => p.person_id === id));
      }
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
    expect(items[1].textContent).toContain("vouches for 7 wins");
    expect(items[1].textContent).toContain("HIRE-DEVELOP-MANAGERS");
    expect(items[1].textContent).not.toContain("TEAM-DELIVERY");
    expect(items[0].textContent).toContain("1 feedback");
    expect(calls.some((c) => c.cmd === "list_people")).toBe(false);

    await fireEvent.change(screen.getByTestId("people-sort"), { target: { value: "vouches" } });
    await waitFor(() => expect(screen.getAllByTestId("person-item")[0].querySelector(".name")?.textContent).toBe("Priya"));

    await fireEvent.click(screen.getAllByTestId("person-select")[0]);
    const detail = await screen.findByTestId("person-detail");
    expect(detail.textContent).toContain("win on 2026-02-03");
    // Only the selected person's wins are asked for, never every win.
    expect(calls.filter((c) => c.cmd === "list_wins").map((c) => (c.args as { filter: { person: number } }).filter.person)).toEqual([1]);

    expect(screen.getByTestId("unvouched").textContent).toContain("DELEGATION");
    expect(screen.getByTestId("unvouched").textContent).toContain("2 wins, nobody named who can vouch");
    expect(screen.getByTestId("coverage-panel").textContent).toContain("4/5 wins · Priya, tom");
    expect(screen.getByTestId("providers-hint").textContent).toBe(overview.providers.summary);
    expect(screen.getByTestId("coverage-panel").textContent).toContain("Your org is taken to be “search”");
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
