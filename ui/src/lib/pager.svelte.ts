// The timeline's pages: the wins loaded so far, newest first, and the next page on
// demand. The list in the window is virtualized, so the page size only sets how
// often Rust is asked, not how much the page renders.
import { api, emptyFilter, type Win } from "./api";
import { ui } from "./state.svelte";

/** Wins asked of Rust at a time. */
export const PAGE = 200;
/** The first page: enough to fill a tall window, small enough to arrive at once. */
export const FIRST_PAGE = 60;

/** Reads `limit` wins after the first `offset` ones. */
export type FetchPage = (offset: number, limit: number) => Promise<Win[]>;

export class Pager {
  /** The wins loaded so far, in order, each once. */
  wins = $state.raw<Win[]>([]);
  /** True once Rust gave a short page: there is nothing further. */
  done = $state(false);
  /** True while a page is on its way. */
  loading = $state(false);
  #fetch: FetchPage | null = null;
  /** Bumped by every reset, so an answer to an older question is dropped. */
  #generation = 0;

  /**
   * Starts over with another source (a new filter or search), or reloads the same
   * one after a change; `keep` wins are read again at once (at least a page), so
   * a reload keeps what the person had scrolled to.
   */
  async reset(fetch: FetchPage, keep = 0): Promise<void> {
    this.#fetch = fetch;
    const generation = ++this.#generation;
    const want = keep > 0 ? Math.max(PAGE, keep) : FIRST_PAGE;
    this.loading = true;
    try {
      const got = await fetch(0, want);
      if (generation !== this.#generation) return;
      this.wins = uniqueById(got);
      this.done = got.length < want;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  /** Loads the next page, unless one is on its way or there is none. */
  async more(): Promise<void> {
    const fetch = this.#fetch;
    if (!fetch || this.loading || this.done) return;
    const generation = this.#generation;
    this.loading = true;
    try {
      const got = await fetch(this.wins.length, PAGE);
      if (generation !== this.#generation) return;
      // A win logged elsewhere between two pages shifts the offsets by one: never
      // show a win twice (the reload that the change triggers puts it in place).
      const seen = new Set(this.wins.map((w) => w.id));
      this.wins = [...this.wins, ...got.filter((w) => !seen.has(w.id))];
      this.done = got.length < PAGE;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}

function uniqueById(wins: Win[]): Win[] {
  const seen = new Set<number>();
  return wins.filter((w) => !seen.has(w.id) && (seen.add(w.id), true));
}

/** The Log's first page, asked for as the app starts (before the Log is mounted),
 * with the data version it was asked at. */
let early: { version: number; page: Promise<Win[]> } | null = null;

/** Asks Rust for the timeline's first page now, while the rest of the start goes on. */
export function prefetchFirstPage(): Promise<Win[]> {
  const page = api.listWins({ ...emptyFilter(), offset: 0, limit: FIRST_PAGE });
  // Whoever takes it handles a failure; until then it is not an unhandled rejection.
  page.catch(() => {});
  early = { version: ui.version, page };
  return page;
}

/**
 * The prefetched first page, once, if nothing changed since it was asked for: the
 * unfiltered timeline's first read takes it instead of asking again. Otherwise
 * (a later read, a second call, a change in between) null.
 */
export function takeFirstPage(offset: number, limit: number): Promise<Win[]> | null {
  const got = early;
  early = null;
  return got && got.version === ui.version && offset === 0 && limit === FIRST_PAGE ? got.page : null;
}
