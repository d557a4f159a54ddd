// The font stack, chosen before the first render.
//
// On Linux, WebKitGTK resolves `system-ui` through fontconfig's aliases. Where none
// of them is installed (no Cantarell, no Noto Sans UI, as on many machines), WebKit
// checks every font the page uses (each size and weight) against all of
// fontconfig's aliases before it gives up on `system-ui` and takes the next family:
// about a hundred matches each time, some 9 ms of the first view here. So when
// `system-ui` draws the same text as `sans-serif`, the page asks for `sans-serif`
// at once: the same letters, without the search. Where `system-ui` is a font of
// its own (Cantarell on GNOME), it stays.
//
// Finding out costs the search once (about 5 ms here), so the answer is kept and
// later starts read it instead; `recheckFont` measures again once the window is
// up, so a font installed or removed since shows from then on.

/** Where the answer is kept between starts ("1": the same font, "0": another). */
export const FONT_KEY = "caliber.systemUiIsSans";

/** The part of `localStorage` the choice uses. */
export type Memory = Pick<Storage, "getItem" | "setItem">;

/** Whether `system-ui` and `sans-serif` draw this sample the same width. */
export function systemUiIsSansSerif(doc: Document): boolean {
  const ctx = doc.createElement("canvas").getContext("2d");
  if (!ctx) return false;
  const sample = "Shipped the billing rewrite 11 weeks early, $2.3M";
  ctx.font = "20px system-ui";
  const systemUi = ctx.measureText(sample).width;
  ctx.font = "20px sans-serif";
  return systemUi === ctx.measureText(sample).width;
}

function isLinux(userAgent: string): boolean {
  return /\bLinux\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent);
}

function localMemory(): Memory | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage turned off: measure every time
  }
}

function recall(memory: Memory | null): boolean | null {
  try {
    const kept = memory?.getItem(FONT_KEY);
    return kept === "1" ? true : kept === "0" ? false : null;
  } catch {
    return null;
  }
}

function keep(memory: Memory | null, same: boolean): void {
  try {
    memory?.setItem(FONT_KEY, same ? "1" : "0");
  } catch {
    // A full or read-only storage only means measuring again next time.
  }
}

/** On Linux, marks <html> when `system-ui` is only `sans-serif` under another name
 * (from the answer kept by an earlier start, or measured now and kept). */
export function chooseFont(
  doc: Document = document,
  userAgent: string = navigator.userAgent,
  sameFont: (doc: Document) => boolean = systemUiIsSansSerif,
  memory: Memory | null = localMemory(),
): void {
  if (!isLinux(userAgent)) return;
  const kept = recall(memory);
  const same = kept ?? sameFont(doc);
  doc.documentElement.classList.toggle("system-ui-is-sans", same);
  if (kept === null) keep(memory, same);
}

/** Measures again and applies and keeps the answer: for after the start, when a
 * kept answer may be out of date. */
export function recheckFont(
  doc: Document = document,
  userAgent: string = navigator.userAgent,
  sameFont: (doc: Document) => boolean = systemUiIsSansSerif,
  memory: Memory | null = localMemory(),
): void {
  if (!isLinux(userAgent)) return;
  const same = sameFont(doc);
  doc.documentElement.classList.toggle("system-ui-is-sans", same);
  keep(memory, same);
}
