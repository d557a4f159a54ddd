// The Log's search pages on a fake Rust side holding 5,000 matches: each page is
// asked for by its offset and size, so a page costs the same however far down the
// person scrolls, instead of the whole list so far asked for again each time.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { tick } from "svelte";
import { emptyDraft, type Win } from "./api";
import { FIRST_PAGE, PAGE } from "./pager.svelte";
import Log from "../views/Log.svelte";

const MATCHES = 5_000;
const VIEW = 600;
const ROW = 40;

/** The i-th match, in the order search ranks them: 10 a day, going back in time. */
function nth(i: number): Win {
  const day = new Date(Date.UTC(2026, 5, 30) - Math.floor(i / 10) * 86_400_000).toISOString().slice(0, 10);
  return {
    ...emptyDraft(`Hiring win ${i}`),
    id: MATCHES - i,
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

type SearchArgs = { query: string; limit: number | null; offset?: number | null };
/** Every search_wins call the view made, and how many wins each answer carried. */
let searches: { args: SearchArgs; returned: number }[];

beforeEach(() => {
  searches = [];
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = FakeResizeObserver;
  Element.prototype.scrollTo = function (this: Element, opts?: ScrollToOptions | number) {
    if (typeof opts === "object" && opts.top !== undefined) this.scrollTop = opts.top;
  } as Element["scrollTo"];
  window.requestAnimationFrame ??= (cb) => setTimeout(() => cb(performance.now()), 0) as unknown as number;
  mockIPC((cmd, args) => {
    if (cmd === "search_wins") {
      const a = args as SearchArgs;
      // What the library answers: the ranked matches from `offset`, at most `limit`.
      const from = a.offset ?? 0;
      const to = Math.min(MATCHES, from + (a.limit ?? MATCHES));
      const page = Array.from({ length: Math.max(0, to - from) }, (_, k) => nth(from + k));
      searches.push({ args: a, returned: page.length });
      return page;
    }
    if (cmd === "list_wins") return [];
    if (cmd === "list_people") return [];
    return null;
  });
});
afterEach(() => clearMocks());

const items = () => document.querySelectorAll("[data-testid=win-item]");
const timeline = () => screen.getByTestId("timeline");

async function scrollTo(top: number) {
  const el = timeline();
  el.scrollTop = top;
  await fireEvent.scroll(el);
  await tick();
}

describe("the Log's search pages", () => {
  it("asks for each page by offset and size, never the whole list so far again", async () => {
    render(Log);
    await fireEvent.input(screen.getByTestId("search-input"), { target: { value: "hiring" } });
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    expect(items()[0].textContent).toContain("Hiring win 0");
    const after = (n: number) => FIRST_PAGE + (n - 1) * PAGE;
    for (let page = 1; page <= 4; page++) {
      const loaded = after(page);
      await scrollTo((loaded + loaded / 10 - 20) * ROW);
      await waitFor(() => expect(searches.some((s) => (s.args.offset ?? 0) === loaded)).toBe(true));
    }
    // The first page from the top, then each next page from where the last ended.
    expect(searches[0].args).toMatchObject({ query: "hiring", offset: 0, limit: FIRST_PAGE });
    const pages = searches.slice(1);
    expect(pages.map((s) => s.args.offset)).toEqual(pages.map((_, i) => after(i + 1)));
    for (const s of pages) expect(s.args.limit).toBe(PAGE);
    // No answer carried more than a page.
    expect(Math.max(...searches.map((s) => s.returned))).toBeLessThanOrEqual(PAGE);
    // Every match loaded once, in order.
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
    const ids = [...items()].map((e) => Number((e as HTMLElement).dataset.winId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
