// The font choice on <html>: `sans-serif` at once where `system-ui` is only that,
// measured once and then read from what the last start kept.
import { describe, expect, it } from "vitest";
import { chooseFont, recheckFont, FONT_KEY, type Memory } from "./platform";

const LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
const MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0";
const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

function memory(start: Record<string, string> = {}): Memory & { data: Record<string, string> } {
  const data = { ...start };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

const sans = (doc: Document) => doc.documentElement.classList.contains("system-ui-is-sans");

function marked(userAgent: string, same: boolean): boolean {
  const doc = document.implementation.createHTMLDocument("t");
  chooseFont(doc, userAgent, () => same, memory());
  return sans(doc);
}

describe("chooseFont", () => {
  it("takes sans-serif at once on Linux when system-ui draws the same, and keeps system-ui elsewhere", () => {
    expect(marked(LINUX, true)).toBe(true);
    // Cantarell on GNOME: system-ui is a font of its own.
    expect(marked(LINUX, false)).toBe(false);
    for (const ua of [MAC, WINDOWS, ANDROID]) expect(marked(ua, true)).toBe(false);
  });

  it("measures on the first start and keeps the answer; later starts read it without measuring", () => {
    const kept = memory();
    let measured = 0;
    const measure = () => (measured++, true);
    const first = document.implementation.createHTMLDocument("t");
    chooseFont(first, LINUX, measure, kept);
    expect(measured).toBe(1);
    expect(kept.data[FONT_KEY]).toBe("1");
    expect(sans(first)).toBe(true);

    const second = document.implementation.createHTMLDocument("t");
    chooseFont(second, LINUX, measure, kept);
    expect(measured).toBe(1);
    expect(sans(second)).toBe(true);

    // A kept "another font" is read as such too.
    const gnome = document.implementation.createHTMLDocument("t");
    chooseFont(gnome, LINUX, measure, memory({ [FONT_KEY]: "0" }));
    expect(measured).toBe(1);
    expect(sans(gnome)).toBe(false);
  });

  it("measures when the kept answer is unreadable or storage fails, and still draws", () => {
    const broken: Memory = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    for (const m of [memory({ [FONT_KEY]: "yes" }), broken, null]) {
      const doc = document.implementation.createHTMLDocument("t");
      let measured = 0;
      chooseFont(doc, LINUX, () => (measured++, true), m);
      expect(measured).toBe(1);
      expect(sans(doc)).toBe(true);
    }
  });
});

describe("recheckFont", () => {
  it("measures again, so a font installed since the answer was kept shows and is kept", () => {
    const kept = memory({ [FONT_KEY]: "1" });
    const doc = document.implementation.createHTMLDocument("t");
    chooseFont(doc, LINUX, () => true, kept);
    expect(sans(doc)).toBe(true);
    // Cantarell was installed: system-ui is a font of its own now.
    recheckFont(doc, LINUX, () => false, kept);
    expect(sans(doc)).toBe(false);
    expect(kept.data[FONT_KEY]).toBe("0");
  });

  it("does nothing off Linux", () => {
    const kept = memory();
    const doc = document.implementation.createHTMLDocument("t");
    recheckFont(doc, MAC, () => true, kept);
    expect(sans(doc)).toBe(false);
    expect(kept.data).toEqual({});
  });
});
