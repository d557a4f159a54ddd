// A name typed on a win is checked with Rust before saving: a likely match is taken
// and said, a name that fits several people or nobody is asked about, never added
// silently; deleting a person who is named somewhere asks first, with the counts.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { NameMatch, Person, WinDraft } from "./api";
import CaptureBox from "../components/CaptureBox.svelte";
import PersonRow from "../components/people/PersonRow.svelte";

/** The fake Rust side: who each name means, and what was logged. */
function fakeRust(matches: Record<string, NameMatch>) {
  const logged: WinDraft[] = [];
  const asked: string[][] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === "match_people") {
      const names = a.names as string[];
      asked.push(names);
      return names.map((n) => matches[n] ?? { kind: "nobody" });
    }
    if (cmd === "log_win") {
      const draft = a.draft as WinDraft;
      logged.push(draft);
      return { ...draft, id: logged.length, date: "2026-06-01", logged_at: "x", updated_at: "x", people: [], expectations: [] };
    }
    if (cmd === "suggest" || cmd === "suggest_principles") return [];
    return null;
  });
  return { logged, asked };
}

async function logWith(people: string) {
  render(CaptureBox);
  await fireEvent.input(screen.getByTestId("capture-input"), { target: { value: "Paired on the launch" } });
  await fireEvent.click(screen.getByText("More details"));
  await fireEvent.input(screen.getByPlaceholderText("Priya Shah, Tom (involved)"), { target: { value: people } });
  await fireEvent.click(screen.getByTestId("capture-save"));
}

afterEach(() => clearMocks());

describe("names on a new win", () => {
  it("takes a likely match as that person, without asking", async () => {
    const rust = fakeRust({ "Rebeca Tran": { kind: "one", id: 4, name: "Rebecca Tran", reason: "near-spelling" } });
    await logWith("Rebeca Tran");
    await waitFor(() => expect(rust.logged).toHaveLength(1));
    expect(rust.logged[0].people).toEqual([{ name: "Rebecca Tran", vouches: true }]);
    expect(screen.queryByTestId("name-choice")).toBeNull();
  });

  it("asks about a name that fits several people and saves the one picked", async () => {
    const rust = fakeRust({
      Sam: { kind: "several", candidates: [{ id: 1, name: "Sam Lee" }, { id: 2, name: "Sam Ortiz" }] },
    });
    await logWith("Sam");
    const ask = await screen.findByTestId("name-choice");
    expect(ask.textContent).toContain("could be several people");
    expect(rust.logged).toHaveLength(0);
    await fireEvent.click(screen.getByText("Sam Ortiz"));
    await waitFor(() => expect(rust.logged).toHaveLength(1));
    expect(rust.logged[0].people).toEqual([{ name: "Sam Ortiz", vouches: true }]);
  });

  it("asks about a new name and adds the person only when told they are new", async () => {
    const rust = fakeRust({});
    await logWith("Zoe Park");
    const ask = await screen.findByTestId("name-choice");
    expect(ask.textContent).toContain("'Zoe Park' is not in your people");
    expect(rust.logged).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("name-new"));
    await waitFor(() => expect(rust.logged).toHaveLength(1));
    expect(rust.logged[0].people).toEqual([{ name: "Zoe Park", vouches: true }]);
  });

  it("saves nothing when the question is cancelled", async () => {
    const rust = fakeRust({});
    await logWith("Zoe Park");
    await screen.findByTestId("name-choice");
    await fireEvent.click(screen.getByText("Cancel"));
    expect(screen.queryByTestId("name-choice")).toBeNull();
    expect(rust.logged).toHaveLength(0);
  });
});

describe("deleting a person", () => {
  const priya: Person = { id: 7, name: "Priya Raman", relation: null, org: null, notes: null, seniority: null, created_at: "2026-01-01T00:00:00Z" };

  function mount(links: { wins: number; feedback: number }) {
    const deleted: number[] = [];
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      if (cmd === "person_links") return links;
      if (cmd === "delete_person") {
        deleted.push(a.id as number);
        return priya;
      }
      return null;
    });
    render(PersonRow, {
      row: { ...priya, effective_seniority: null, vouches_for: 0, expectations: [], feedback: 0 },
      selected: false,
      wins: [],
      feedback: [],
      orgs: [],
      onSelect: () => {},
      onAddFeedback: () => {},
    });
    return deleted;
  }

  it("says what they are named on and deletes only when confirmed", async () => {
    const deleted = mount({ wins: 3, feedback: 1 });
    await fireEvent.click(screen.getByTestId("person-delete"));
    const ask = await screen.findByTestId("person-delete-ask");
    expect(ask.textContent).toContain("3 wins and 1 piece of feedback");
    expect(deleted).toEqual([]);
    await fireEvent.click(screen.getByTestId("person-delete-yes"));
    await waitFor(() => expect(deleted).toEqual([7]));
  });

  it("deletes at once when nothing names them", async () => {
    const deleted = mount({ wins: 0, feedback: 0 });
    await fireEvent.click(screen.getByTestId("person-delete"));
    await waitFor(() => expect(deleted).toEqual([7]));
    expect(screen.queryByTestId("person-delete-ask")).toBeNull();
  });
});
