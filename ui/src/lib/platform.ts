// Font stacks per platform, set on <html> before the first render.
//
// On Linux, WebKitGTK resolves each generic family through fontconfig. Where
// `system-ui` maps to no installed font (no Cantarell or Noto Sans UI, as on many
// machines), WebKit checks every font the page uses against all of fontconfig's
// aliases before it falls back to the next family: about a hundred matches per
// font size and weight, some 20 ms of the first view here. `sans-serif` is the
// font GTK and fontconfig pick for text anyway, and it resolves at once.

/** Marks the document with its platform, for the stylesheet's font choice. */
export function markPlatform(doc: Document = document, userAgent: string = navigator.userAgent): void {
  if (/\bLinux\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent)) doc.documentElement.classList.add("linux");
}
