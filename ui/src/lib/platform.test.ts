// The platform mark on <html> that picks the stylesheet's font stack.
import { describe, expect, it } from "vitest";
import { markPlatform } from "./platform";

function marked(userAgent: string): boolean {
  const doc = document.implementation.createHTMLDocument("t");
  markPlatform(doc, userAgent);
  return doc.documentElement.classList.contains("linux");
}

describe("markPlatform", () => {
  it("marks Linux, as WebKitGTK names it, and nothing else", () => {
    expect(marked("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15")).toBe(true);
    expect(marked("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe(false);
    expect(marked("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0")).toBe(false);
    expect(marked("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36")).toBe(false);
  });
});
