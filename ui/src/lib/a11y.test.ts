// The roles and accessible names of the custom widgets, as a screen reader gets
// them: each name contains the text shown (WCAG 2.5.3), and each widget has the
// role the WAI-ARIA Authoring Practices give it.
import { render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { emptyDraft, type PersonOverview, type Win } from "./api";
import { ui } from "./state.svelte";
import WinItem from "../components/WinItem.svelte";
import Toast from "../components/Toast.svelte";
import CitedText from "../components/outline/CitedText.svelte";
import PersonRow from "../components/people/PersonRow.svelte";

const win: Win = {
  ...emptyDraft("Rolled out the on-call handbook to four sister orgs"),
  id: 7,
  date: "2026-03-02",
  logged_at: "2026-03-02T09:00:00Z",
  updated_at: "2026-03-02T09:00:00Z",
  people: [],
  expectations: [
    { id: "cross-org-impact", confirmed: false },
    { id: "hire-develop-managers", confirmed: true },
  ],
  source: "app",
};

afterEach(() => {
  ui.toast = null;
});

describe("a win of the timeline", () => {
  it("is an article named by its title, holding the Tab stop only when told", () => {
    const { unmount } = render(WinItem, { win, tabindex: 0 });
    const article = screen.getByRole("article", { name: win.title });
    expect(article.tabIndex).toBe(0);
    unmount();
    render(WinItem, { win });
    expect(screen.getByRole("article", { name: win.title }).tabIndex).toBe(-1);
  });

  it("has buttons whose names start with their visible text", () => {
    render(WinItem, { win });
    expect(screen.getByRole("button", { name: "Edit win 7" }).textContent).toBe("Edit");
    expect(screen.getByRole("button", { name: "Delete win 7" }).textContent).toBe("Delete");
    // A suggestion is a button named as shown; a confirmed tag is text, not a control.
    const chip = screen.getByRole("button", { name: "cross-org-impact?" });
    expect(chip.dataset.testid).toBe("win-suggested");
    expect(screen.queryByRole("button", { name: /hire-develop-managers/ })).toBeNull();
  });
});

describe("the message line", () => {
  it("keeps its live regions in the page, empty, before any message", () => {
    render(Toast, { onUndo: () => {} });
    expect(screen.getByRole("status").textContent).toBe("");
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("says a save in the polite region, with an Undo button, and an error in the alert region", async () => {
    render(Toast, { onUndo: () => {} });
    ui.toast = { message: "Updated win 7", kind: "info", undo: true };
    await Promise.resolve();
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toContain("Updated win 7");
    expect(within(status).getByRole("button", { name: "Undo" })).toBeTruthy();
    expect(within(status).getByRole("button", { name: "Dismiss" })).toBeTruthy();
    ui.toast = { message: "date 2026-13-01 is not a valid date", kind: "error" };
    await Promise.resolve();
    expect(screen.getByRole("alert").textContent).toContain("not a valid date");
    expect(screen.getByRole("status").textContent).toBe("");
  });
});

describe("a citation of the outline", () => {
  it("is a link named by the text it shows, described by where it goes", () => {
    render(CitedText, { text: "Shipped it [#7].", onCite: () => {} });
    const link = screen.getByRole("link", { name: "[#7]" });
    expect(link.getAttribute("title")).toBe("Win 7, in the appendix");
    expect(link.getAttribute("href")).toBe("#win-7");
  });
});

describe("a person of the list", () => {
  const row: PersonOverview = {
    id: 3, name: "Priya Shah", relation: "peer", org: "Payments", notes: null, created_at: "",
    seniority: null, effective_seniority: null, vouches_for: 2, expectations: [], feedback: 1,
  };

  it("opens with a disclosure button whose name contains all it shows", () => {
    render(PersonRow, { row, selected: false, wins: [], feedback: [], orgs: [], onSelect: () => {}, onAddFeedback: () => {} });
    const pick = screen.getByTestId("person-select");
    const name = pick.textContent!.replace(/\s+/g, " ").trim();
    expect(name.startsWith("Priya Shah")).toBe(true);
    expect(pick.getAttribute("aria-label")).toBeNull();
    expect(pick.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByRole("button", { name: "Edit Priya Shah" }).textContent).toBe("Edit");
  });
});
