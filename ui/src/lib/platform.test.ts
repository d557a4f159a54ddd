// The font choice on <html>: `sans-serif` at once where `system-ui` is only that.
import { describe, expect, it } from "vitest";
import { chooseFont } from "./platform";

const LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
const MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0";
const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

function marked(userAgent: string, same: boolean): boolean {
  const doc = document.implementation.createHTMLDocument("t");
  chooseFont(doc, userAgent, () => same);
  return doc.documentElement.classList.contains("system-ui-is-sans");
}

describe("chooseFont", () => {
  it("takes sans-serif at once on Linux when system-ui draws the same, and keeps system-ui elsewhere", () => {
    expect(marked(LINUX, true)).toBe(true);
    // Cantarell on GNOME: system-ui is a font of its own.
    expect(marked(LINUX, false)).toBe(false);
    for (const ua of [MAC, WINDOWS, ANDROID]) expect(marked(ua, true)).toBe(false);
  });
});
