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

/** On Linux, marks <html> when `system-ui` is only `sans-serif` under another name. */
export function chooseFont(
  doc: Document = document,
  userAgent: string = navigator.userAgent,
  sameFont: (doc: Document) => boolean = systemUiIsSansSerif,
): void {
  const linux = /\bLinux\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent);
  if (linux && sameFont(doc)) doc.documentElement.classList.add("system-ui-is-sans");
}
