// The Log view's virtualized timeline on a fake Rust side holding 100,000 wins:
// only the rows in view are in the page, scrolling asks Rust for the next page,
// month headings stay, and a change reloads what was loaded. jsdom lays nothing
// out, so a stand-in ResizeObserver gives the sizes a window would: the timeline
// 600 px tall, each row 40 px.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { tick } from "svelte";
import { emptyDraft, type Win, type WinFilter } from "./api";
import { FIRST_PAGE, PAGE, Pager, prefetchFirstPage, takeFirstPage } from "./pager.svelte";
import { timelineRows } from "./timeline";
import { changed } from "./state.svelte";
import Log from "../views/Log.svelte";

const TOTAL = 100_000;
const VIEW = 600;
const ROW = 40;

/** The i-th newest win of the fake ledger: 30 wins a day, going back in time. */
function nth(i: number): Win {
  const day = new Date(Date.UTC(2026, 5, 30) - Math.floor(i / 30) * 86_400_000).toISOString().slice(0, 10);
  return {
    ...emptyDraft(`Win number ${TOTAL - i}`),
    id: TOTAL - i,
    date: day,
    logged_at: `${day}T09:00:00Z`,
    updated_at: `${day}T09:00:00Z`,
    people: [],
  };
}

class FakeResizeObserver {
  #cb: ResizeObserverCallback;
  constructor(cb: ResizeObserverCallback) {
    this.#cb = cb;
  }
  observe(el: Element) {
    const height = (el as HTMLElement).dataset.testid === "timeline" ? VIEW : ROW;
    const entry = {
      target: el,
      contentRect: { width: 800, height, top: 0, left: 0, bottom: height, right: 800, x: 0, y: 0 },
      borderBoxSize: [{ blockSize: height, inlineSize: 800 }],
      contentBoxSize: [{ blockSize: height, inlineSize: 800 }],
    } as unknown as ResizeObserverEntry;
    queueMicrotask(() => this.#cb([entry], this as unknown as ResizeObserver));
  }
  unobserve() {}
  disconnect() {}
}

/** Every list_wins call the view made, and the fake ledger behind it. */
let calls: WinFilter[];
/** For each call, how many rows were in the page when it was made. */
let rowsAtCall: { cmd: string; rows: number }[];
beforeEach(() => {
  calls = [];
  rowsAtCall = [];
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = FakeResizeObserver;
  Element.prototype.scrollTo = function (this: Element, opts?: ScrollToOptions | number) {
    if (typeof opts === "object" && opts.top !== undefined) this.scrollTop = opts.top;
  } as Element["scrollTo"];
  window.requestAnimationFrame ??= (cb) => setTimeout(() => cb(performance.now()), 0) as unknown as number;
  mockIPC((cmd, args) => {
    rowsAtCall.push({ cmd, rows: items().length });
    if (cmd === "list_wins") {
      const f = (args as { filter: WinFilter }).filter;
      calls.push(f);
      const from = f.offset ?? 0;
      const to = Math.min(TOTAL, from + (f.limit ?? TOTAL));
      return Array.from({ length: Math.max(0, to - from) }, (_, k) => nth(from + k));
    }
    if (cmd === "list_people") return [];
    return null;
  });
});
afterEach(() => clearMocks());

const items = () => document.querySelectorAll("[data-testid=win-item]");
const timeline = () => screen.getByTestId("timeline");

/** Scrolls the timeline to `top` the way a wheel would: position, then the event. */
async function scrollTo(top: number) {
  const el = timeline();
  el.scrollTop = top;
  await fireEvent.scroll(el);
  await tick();
}

describe("the Log timeline at 100k wins", () => {
  it("renders only the rows in view, not the page it loaded", async () => {
    render(Log);
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    expect(calls[0]).toMatchObject({ offset: 0, limit: FIRST_PAGE });
    // A small first page, then pages of 200 as the list asks; a 600 px view of 40 px
    // rows shows 15, plus a margin: all of them without a scroll first.
    await waitFor(() => expect(items().length).toBeGreaterThanOrEqual(15));
    expect(items().length).toBeLessThanOrEqual(40);
    expect(items()[0].textContent).toContain(`Win number ${TOTAL}`);
    // The month heading of the first rows is there; more of June may come.
    expect(timeline().textContent).toMatch(/June 2026 · \d+\+/);
  });

  it("asks for nothing the first view does not show until its rows are in the page", async () => {
    render(Log);
    // Waits as long as a loaded machine needs; what is asserted does not change.
    const slow = { timeout: 10_000 };
    await waitFor(() => expect(calls.some((c) => c.offset === FIRST_PAGE)).toBe(true), slow);
    await waitFor(() => expect(rowsAtCall.some((c) => c.cmd === "list_people")).toBe(true), slow);
    // The first page with nothing in the page yet; the person filter's names and the
    // next page only once the first rows are there.
    expect(rowsAtCall[0]).toEqual({ cmd: "list_wins", rows: 0 });
    const later = rowsAtCall.slice(1);
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const c of later) expect(c.rows).toBeGreaterThan(0);
  });

  it("asks for the next page as the end of what is loaded comes near, and stays bounded", async () => {
    render(Log);
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    // The small first page is near its end at once: the next one may be asked for.
    expect(calls.length).toBeLessThanOrEqual(2);
    /** Wins loaded after `n` pages. */
    const after = (n: number) => FIRST_PAGE + (n - 1) * PAGE;
    // Scroll down through many pages, the way a person holding Page Down would.
    for (let page = 1; page <= 5; page++) {
      const loaded = after(page);
      await waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(page));
      // Near the end of what is loaded (rows include the month headings).
      await scrollTo((loaded + loaded / 30 - 20) * ROW);
      await waitFor(() => expect(calls.some((c) => c.offset === loaded && c.limit === PAGE)).toBe(true));
    }
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    expect(items().length).toBeLessThanOrEqual(40);
    // The rows in the page are the ones in view, far down the ledger, not the first ones.
    const ids = [...items()].map((e) => Number((e as HTMLElement).dataset.winId));
    expect(Math.max(...ids)).toBeLessThan(TOTAL - 800);
    // Each page asked once: no page twice, none skipped.
    const offsets = calls.map((c) => c.offset);
    expect(offsets).toEqual([...new Set(offsets)]);
    expect(offsets).toEqual(offsets.map((_, i) => (i === 0 ? 0 : after(i))));
  });

  it("reloads what was loaded after a change, and starts over on a new filter", async () => {
    render(Log);
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    await scrollTo((FIRST_PAGE - 10) * ROW);
    await waitFor(() => expect(calls.some((c) => c.offset === FIRST_PAGE)).toBe(true));
    await waitFor(() => expect(calls.length).toBe(2));
    changed();
    await waitFor(() => expect(calls.length).toBe(3));
    expect(calls[2]).toMatchObject({ offset: 0, limit: FIRST_PAGE + PAGE });
    await fireEvent.change(screen.getByLabelText("Filter by scope"), { target: { value: "org" } });
    await waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(4));
    expect(calls[3]).toMatchObject({ offset: 0, limit: FIRST_PAGE, scope: "org" });
  });
});

describe("editing in the virtualized timeline", () => {
  it("keeps a win being edited in the page when it scrolls out of view, and lets it go after", async () => {
    render(Log);
    // The virtualized list has taken over from the first view (it asks for the next page).
    await waitFor(() => expect(calls.some((c) => c.offset === FIRST_PAGE)).toBe(true));
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    const first = items()[0] as HTMLElement;
    await fireEvent.click(first.querySelector("[data-testid=win-edit]")!);
    const title = (await screen.findByTestId("edit-title")) as HTMLInputElement;
    await fireEvent.input(title, { target: { value: "Half-typed new title" } });
    await scrollTo(150 * ROW);
    await tick();
    // The rows in view are far below, yet the edit and what was typed are still there.
    const ids = [...items()].map((e) => Number((e as HTMLElement).dataset.winId));
    expect(ids).toContain(TOTAL);
    expect(ids.some((id) => id < TOTAL - 100)).toBe(true);
    expect((screen.getByTestId("edit-title") as HTMLInputElement).value).toBe("Half-typed new title");
    await fireEvent.click(screen.getByText("Cancel"));
    // Focus comes back to the win (it holds the timeline's Tab stop) and keeps it in
    // the page; once focus goes elsewhere, the win is let go.
    expect(document.activeElement).toBe(items()[0]);
    screen.getByTestId("search-input").focus();
    await scrollTo(151 * ROW);
    await waitFor(() => expect([...items()].map((e) => Number((e as HTMLElement).dataset.winId))).not.toContain(TOTAL));
  });

  it("keeps roving focus on a win while the list scrolls it away, and moves it with the arrow keys", async () => {
    render(Log);
    await waitFor(() => expect(calls.some((c) => c.offset === FIRST_PAGE)).toBe(true));
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    const first = items()[0] as HTMLElement;
    // One Tab stop: the first win; the others are reached with the arrow keys.
    expect(first.tabIndex).toBe(0);
    expect([...items()].slice(1).every((e) => (e as HTMLElement).tabIndex === -1)).toBe(true);
    first.focus();
    await fireEvent.keyDown(first, { key: "ArrowDown" });
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset.winId).toBe(String(TOTAL - 1)));
    const focused = document.activeElement as HTMLElement;
    expect(focused.tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);
    await scrollTo(150 * ROW);
    await tick();
    // Far below, yet the focused win is still in the page and still has focus.
    expect([...items()].map((e) => Number((e as HTMLElement).dataset.winId))).toContain(TOTAL - 1);
    expect(document.activeElement).toBe(focused);
  });
});

describe("the first view's rows", () => {
  it("are drawn as a plain list at once, then the virtualized list takes over with the same rows", async () => {
    render(Log);
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    // Before anything was measured: the newest wins, enough to fill the window.
    expect(timeline().classList.contains("first-view")).toBe(true);
    expect(items()[0].textContent).toContain(`Win number ${TOTAL}`);
    expect(items().length).toBeGreaterThanOrEqual(15);
    await waitFor(() => expect(calls.some((c) => c.offset === FIRST_PAGE)).toBe(true));
    expect(timeline().classList.contains("first-view")).toBe(false);
    expect(items()[0].textContent).toContain(`Win number ${TOTAL}`);
    expect(items().length).toBeGreaterThanOrEqual(15);
    expect(items().length).toBeLessThanOrEqual(40);
  });

  it("keep an edit opened before the list took over, and hand over once it ends", async () => {
    render(Log);
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    await fireEvent.click(items()[0].querySelector("[data-testid=win-edit]")!);
    const title = (await screen.findByTestId("edit-title")) as HTMLInputElement;
    await fireEvent.input(title, { target: { value: "Typed in the first frames" } });
    // Long enough for the list to have taken over, had nothing been open.
    for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
    expect((screen.getByTestId("edit-title") as HTMLInputElement).value).toBe("Typed in the first frames");
    expect(calls.some((c) => c.offset === FIRST_PAGE)).toBe(false);
    await fireEvent.click(screen.getByText("Cancel"));
    await waitFor(() => expect(calls.some((c) => c.offset === FIRST_PAGE)).toBe(true));
    expect(timeline().classList.contains("first-view")).toBe(false);
    expect(items()[0].textContent).toContain(`Win number ${TOTAL}`);
  });
});

describe("timelineRows", () => {
  it("puts a heading before each run of a month, with unique keys when a month comes back", () => {
    const w = (id: number, date: string) => ({ ...nth(0), id, date });
    const rows = timelineRows([w(5, "2026-03-02"), w(4, "2026-03-01"), w(3, "2026-02-10"), w(2, "2026-03-09")]);
    expect(rows.map((r) => (r.kind === "month" ? `${r.month}:${r.count}` : r.win.id))).toEqual([
      "March 2026:2", 5, 4, "February 2026:1", 3, "March 2026:1", 2,
    ]);
    expect(rows.flatMap((r) => (r.kind === "month" ? [r.open] : []))).toEqual([false, false, false]);
    // With more pages to come, the last month's count may still grow.
    const partial = timelineRows([w(5, "2026-03-02"), w(3, "2026-02-10")], false);
    expect(partial.flatMap((r) => (r.kind === "month" ? [r.open] : []))).toEqual([false, true]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const flags = rows.flatMap((r) => (r.kind === "win" ? [[r.first, r.last]] : []));
    expect(flags).toEqual([[true, false], [false, true], [true, true], [true, true]]);
  });
});

describe("Pager", () => {
  it("stops at a short page and never holds a win twice", async () => {
    const ledger = Array.from({ length: PAGE + 5 }, (_, i) => nth(i));
    let shift = 0;
    const p = new Pager();
    await p.reset(async (offset, limit) => ledger.slice(offset - shift, offset - shift + limit));
    expect(p.wins).toHaveLength(FIRST_PAGE);
    expect(p.done).toBe(false);
    // A win logged elsewhere moved everything down by one: the next page overlaps.
    shift = 1;
    await p.more();
    expect(p.wins).toHaveLength(PAGE + 5);
    expect(new Set(p.wins.map((w) => w.id)).size).toBe(p.wins.length);
    expect(p.done).toBe(true);
    await p.more();
    expect(p.wins).toHaveLength(PAGE + 5);
  });

  it("drops the answer to an older question", async () => {
    const p = new Pager();
    let release!: () => void;
    const slow = p.reset(() => new Promise((r) => (release = () => r([nth(0)]))));
    await p.reset(async () => [nth(7)]);
    release();
    await slow;
    expect(p.wins.map((w) => w.id)).toEqual([nth(7).id]);
  });
});

describe("the first page asked for at start", () => {
  it("is read once by the Log instead of asking again, and not after a change", async () => {
    prefetchFirstPage();
    expect(calls).toHaveLength(1);
    render(Log);
    await waitFor(() => expect(screen.getAllByTestId("win-item").length).toBeGreaterThan(0));
    expect(calls).toHaveLength(1);

    // Taken once: the next reads ask Rust.
    prefetchFirstPage();
    expect(takeFirstPage(0, FIRST_PAGE)).not.toBeNull();
    expect(takeFirstPage(0, FIRST_PAGE)).toBeNull();
    // A change between the ask and the read makes it stale; another window is not it.
    prefetchFirstPage();
    changed();
    expect(takeFirstPage(0, FIRST_PAGE)).toBeNull();
    prefetchFirstPage();
    expect(takeFirstPage(PAGE, PAGE)).toBeNull();
  });
});
