// The start's questions to Rust: app info, the Log's first page, the ladder and the
// onboarding flag. main.ts asks them before the App is mounted, so the answers are
// on their way while it mounts (the page's main thread, which mounts the App, is
// also the one that handles the answers).
import { api, type AppInfo, type Ladder, type Win } from "./api";
import { prefetchFirstPage } from "./pager.svelte";

export type StartAnswers = {
  info: Promise<AppInfo>;
  /** The Log's first page (the Log takes it from the pager; the start only waits for it). */
  firstPage: Promise<Win[]>;
  ladder: Promise<Ladder>;
  onboarded: Promise<string | null>;
};

let early: StartAnswers | null = null;

/** Asks the start's questions now; `takeStart` hands out the answers. */
export function askStart(): void {
  // App info first: the others wait behind it for the database.
  const info = api.appInfo();
  const firstPage = prefetchFirstPage();
  const ladder = api.currentLadder();
  const onboarded = api.getSetting("onboarded");
  // Whoever takes them handles a failure; until then none is an unhandled rejection.
  for (const p of [info, ladder, onboarded]) p.catch(() => {});
  early = { info, firstPage, ladder, onboarded };
}

/** The answers asked for early, once; after that (an unlock, a test) asked anew. */
export function takeStart(): StartAnswers {
  if (!early) askStart();
  const got = early!;
  early = null;
  return got;
}
