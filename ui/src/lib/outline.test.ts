// Tests of the Outline view's helpers (citations, word counts, export targets),
// and of the view rendered from an outline with the API and plugins mocked.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, cleanup } from "@testing-library/svelte";
import type { Outline, ShortReview, ShortText } from "./api";
import {
  citedIds, citesOf, currentText, exportOptions, isCite, relationLabel, shortEdits, shortSlots,
  splitCitations, stripCitations, wordCount, wordCountLabel,
} from "./outline";

const m = vi.hoisted(() => ({
  outline: vi.fn(),
  shortReview: vi.fn(),
  outlineText: vi.fn(),
  exportOutline: vi.fn(),
  save: vi.fn(),
  writeText: vi.fn(),
}));
vi.mock("./api", async (orig) => {
  const real = await orig<typeof import("./api")>();
  return {
    ...real,
    api: { ...real.api, outline: m.outline, shortReview: m.shortReview, outlineText: m.outlineText, exportOutline: m.exportOutline },
  };
});
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: m.save }));
vi.mock("@tauri-apps/plugin-clipboard-manager", () => ({ writeText: m.writeText }));

import OutlineView from "../views/Outline.svelte";
import { ui } from "./state.svelte";

describe("splitCitations", () => {
  it("splits text and citations in order", () => {
    expect(splitCitations("Led X [#12] and Y [#7].")).toEqual([
      { text: "Led X " }, { cite: 12 }, { text: " and Y " }, { cite: 7 }, { text: "." },
    ]);
  });
  it("handles citations at the edges and side by side", () => {
    expect(splitCitations("[#1][#2]")).toEqual([{ cite: 1 }, { cite: 2 }]);
    expect(splitCitations("")).toEqual([]);
  });
  it("keeps anything that is not [#digits] as text", () => {
    expect(splitCitations("a [#x] b [#12 c [#] d #3")).toEqual([{ text: "a [#x] b [#12 c [#] d #3" }]);
    expect(splitCitations("<script>alert(1)</script> [#3]")).toEqual([{ text: "<script>alert(1)</script> " }, { cite: 3 }]);
  });
  it("keeps ids too big to be exact as text", () => {
    expect(splitCitations("x [#123456789012345678901]")).toEqual([{ text: "x [#123456789012345678901]" }]);
  });
  it("tells citations from text", () => {
    expect(isCite({ cite: 1 })).toBe(true);
    expect(isCite({ text: "a" })).toBe(false);
  });
  it("collects cited ids without repeats", () => {
    expect(citesOf("a [#3] b [#1] c [#3]")).toEqual([3, 1]);
    expect(citedIds([{ text: "[#2] [#5]", cites: [] }, { text: "[#5] [#9]", cites: [] }])).toEqual([2, 5, 9]);
  });
});

describe("words", () => {
  it("strips citations for pasting", () => {
    expect(stripCitations("Cut cost 30% [#12]. Hired two managers [#3] [#4], fast.")).toBe(
      "Cut cost 30%. Hired two managers, fast.",
    );
  });
  it("counts words without citations", () => {
    expect(wordCount("")).toBe(0);
    expect(wordCount("   ")).toBe(0);
    expect(wordCount("Led the launch [#12].")).toBe(3);
    expect(wordCount("one\ntwo\tthree  four")).toBe(4);
    expect(wordCount(Array(61).fill("w").join(" "))).toBe(61);
  });
  it("labels the count against the limit", () => {
    expect(wordCountLabel(42, 60)).toBe("42/60 words");
    expect(wordCountLabel(81, 80)).toBe("81/80 words");
  });
});

describe("exports and edits", () => {
  it("names the file and filter for each format", () => {
    expect(exportOptions("markdown", false)).toEqual({
      defaultPath: "promotion-case.md", filters: [{ name: "Markdown", extensions: ["md"] }],
    });
    expect(exportOptions("html", false).defaultPath).toBe("promotion-case.html");
    expect(exportOptions("docx", true)).toEqual({
      defaultPath: "short-review.docx", filters: [{ name: "Word document", extensions: ["docx"] }],
    });
  });
  it("keeps an edit only while the generated text is the same", () => {
    expect(currentText(undefined, "gen")).toBe("gen");
    expect(currentText({ original: "gen", text: "mine" }, "gen")).toBe("mine");
    expect(currentText({ original: "old", text: "mine" }, "gen")).toBe("gen");
  });
  it("lists the edits that still apply, by text and paragraph, for the library to write", () => {
    const r = forte(["A [#1]", "B"], "S", "G");
    expect(shortEdits(r, {})).toEqual([]);
    expect(shortEdits(r, { t1p0: { original: "S", text: "Mine" }, t0p1: { original: "old B", text: "stale" } })).toEqual([
      { text: 1, para: 0, value: "Mine" },
    ]);
    expect(shortEdits(r, { t0p0: { original: "A [#1]", text: "A [#1]" } })).toEqual([]);
  });
  it("lists the slots with their limits", () => {
    const slots = shortSlots(connect());
    expect(slots.map((s) => s.key)).toEqual(["t0p0", "t1p0", "t2p0"]);
    expect(slots.map((s) => s.max)).toEqual([80, 80, 80]);
  });
  it("words relations", () => {
    expect(relationLabel("skip-level-manager")).toBe("skip-level manager");
    expect(relationLabel(null)).toBeNull();
  });
});

// ---- the view ----

function sampleOutline(): Outline {
  return {
    title: "Promotion case: L6 to L7",
    cycle: {
      ladder: "senior-manager", current_level: "L6", target_level: "L7",
      start: "2025-07-01", end: "2026-06-30", target_date: "2026-07-15", is_default: false,
    },
    ladder_name: "Senior Manager (L7)",
    summary: [{ text: "My strongest evidence [#12] is <img src=x onerror=alert(1)>.", cites: [12] }],
    expectations: [
      {
        id: "team-delivery", title: "Your teams deliver", strength: "solid", gap: false,
        narrative: { text: "We shipped [#12] and [#7].", cites: [12, 7] },
        evidence: [
          {
            id: 12, date: "2026-02-01", title: "Shipped checkout", situation: "Old flow", action: "I led it",
            result: "Faster", metric: "35%", scope: "org", principles: ["Ownership"], vouchers: ["Priya"], links: ["https://x"],
          },
        ],
      },
      {
        id: "strategy", title: "Strategy", strength: "none", gap: true,
        narrative: { text: "No evidence yet.", cites: [] }, evidence: [],
      },
    ],
    principles: [{ id: "ownership", name: "Ownership", line: { text: "Shown in [#12].", cites: [12] } }],
    providers: {
      summary: "2 people can vouch.", vouchers: ["Priya"],
      quotes: [{ person: "Tom", relation: "peer", date: "2026-03-01", quote: "Great partner", expectation: "strategy" }],
      ask: ["Ana"],
    },
    growth: [{ concern: "No evidence yet of \"Strategy\".", response: { text: "Plan: write it.", cites: [] } }],
    appendix: [
      { id: 7, date: "2025-09-01", title: "Hired a manager", metric: null, expectations: ["team-delivery"] },
      { id: 12, date: "2026-02-01", title: "Shipped checkout", metric: "35%", expectations: ["team-delivery", "strategy"] },
    ],
  };
}

function text(part: ShortText["part"], heading: string, paras: string[], max_words = 60): ShortText {
  return { part, heading, prompt: "", max_words, paras: paras.map((t) => ({ text: t, cites: citesOf(t) })) };
}

/** Amazon's Forte texts. */
function forte(accomplishments: string[], superpowers: string, growth: string): ShortReview {
  return {
    name: "Yearly review (Forte)",
    texts: [
      text("accomplishments", "Accomplishments", accomplishments),
      text("strengths", "Superpowers", [superpowers]),
      text("growth", "Areas for growth", [growth]),
    ],
  };
}

/** Microsoft's Connect answers: 80 words each. */
function connect(): ShortReview {
  return {
    name: "Connect (short answers)",
    texts: [
      text("accomplishments", "What results did I deliver, and how", ["Shipped checkout [#12]."], 80),
      text("setbacks", "Setbacks and what I learned", [Array(75).fill("word").join(" ")], 80),
      text("goals", "Goals ahead", ["I will hand off the review."], 80),
    ],
  };
}

function sampleForte(): ShortReview {
  return forte(
    ["Shipped checkout, 35% faster [#12].", "Hired a manager [#7].", "Ran the offsite."],
    "My strengths are delivery.",
    Array(61).fill("word").join(" "),
  );
}

describe("Outline view", () => {
  beforeEach(() => {
    cleanup();
    for (const f of Object.values(m)) f.mockReset();
    m.outline.mockResolvedValue(sampleOutline());
    m.shortReview.mockResolvedValue(sampleForte());
    m.outlineText.mockResolvedValue("# Promotion case");
    m.exportOutline.mockResolvedValue(undefined);
    m.writeText.mockResolvedValue(undefined);
    ui.toast = null;
  });

  async function mount() {
    const out = render(OutlineView);
    await vi.waitFor(() => expect(screen.getByTestId("outline-preview")).toBeTruthy());
    return out;
  }

  it("renders the six sections with user text as text", async () => {
    const { container } = await mount();
    const preview = screen.getByTestId("outline-preview");
    for (const s of ["summary", "expectations", "principles", "providers", "growth", "appendix"]) {
      expect(preview.querySelector(`[data-testid=section-${s}]`)).not.toBeNull();
    }
    expect(container.querySelector("img")).toBeNull();
    expect(preview.textContent).toContain("<img src=x onerror=alert(1)>");
    // The subtitle keeps its spaces around the target date.
    expect(preview.querySelector(".doc-head p")?.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Senior Manager (L7) · window 2025-07-01 to 2026-06-30 · target date 2026-07-15",
    );
    const exps = screen.getAllByTestId("outline-expectation");
    expect(exps.map((e) => e.getAttribute("data-gap"))).toEqual(["false", "true"]);
    expect(exps[1].textContent).toContain("Gap");
    expect(preview.textContent).toContain("I led it");
    expect(preview.textContent).toContain("Great partner");
    expect(preview.textContent).toContain("Ana");
    // The appendix names expectations by title.
    expect(document.getElementById("win-12")?.textContent).toContain("Your teams deliver, Strategy");
  });

  it("links citations to the appendix row and highlights it", async () => {
    await mount();
    const cites = screen.getAllByTestId("cite").filter((a) => a.getAttribute("data-win") === "7");
    expect(cites.length).toBeGreaterThan(0);
    expect(cites[0].tagName).toBe("A");
    expect(cites[0].getAttribute("href")).toBe("#win-7");
    await fireEvent.click(cites[0]);
    await vi.waitFor(() => expect(document.getElementById("win-7")?.classList.contains("flash")).toBe(true));
    expect(document.activeElement).toBe(document.getElementById("win-7"));
  });

  it("exports through the save dialog", async () => {
    m.save.mockResolvedValue("/tmp/case.md");
    await mount();
    await fireEvent.click(screen.getByTestId("export-markdown"));
    await vi.waitFor(() => expect(m.exportOutline).toHaveBeenCalledWith("/tmp/case.md", "markdown", false, true));
    expect(m.save).toHaveBeenCalledWith({ defaultPath: "promotion-case.md", filters: [{ name: "Markdown", extensions: ["md"] }] });
    await vi.waitFor(() => expect(ui.toast?.message).toBe("Saved to /tmp/case.md"));
  });

  it("does nothing when the save dialog is cancelled", async () => {
    m.save.mockResolvedValue(null);
    await mount();
    await fireEvent.click(screen.getByTestId("export-docx"));
    await vi.waitFor(() => expect(m.save).toHaveBeenCalled());
    expect(m.exportOutline).not.toHaveBeenCalled();
  });

  it("copies the Markdown", async () => {
    await mount();
    await fireEvent.click(screen.getByTestId("copy-markdown"));
    await vi.waitFor(() => expect(m.writeText).toHaveBeenCalledWith("# Promotion case"));
    expect(m.outlineText).toHaveBeenCalledWith(false, null);
    expect(ui.toast?.message).toBe("Copied");
  });

  it("shows the Forte texts with word counts and exports them as Forte", async () => {
    m.save.mockResolvedValue("/tmp/forte.html");
    await mount();
    expect(screen.getByTestId("mode-short").textContent).toBe("Yearly review (Forte)");
    await fireEvent.click(screen.getByTestId("mode-short"));
    expect(screen.getByTestId("outline-preview").dataset.mode).toBe("short");
    const counts = screen.getAllByTestId("word-count").map((c) => c.textContent);
    expect(counts).toEqual(["4/60 words", "3/60 words", "3/60 words", "4/60 words", "61/60 words"]);
    expect(screen.getAllByTestId("word-count")[4].classList.contains("over")).toBe(true);
    expect(document.getElementById("win-12")).not.toBeNull();
    await fireEvent.click(screen.getByTestId("export-html"));
    await vi.waitFor(() => expect(m.exportOutline).toHaveBeenCalledWith("/tmp/forte.html", "html", true, true));
  });

  it("shows another company's texts under its own headings and limits", async () => {
    m.shortReview.mockResolvedValue(connect());
    await mount();
    await fireEvent.click(screen.getByTestId("mode-short"));
    expect(screen.getByTestId("short-name").textContent).toBe("Connect (short answers)");
    const headings = [...document.querySelectorAll("[data-testid^=short-] h2")].map((h) => h.textContent);
    expect(headings).toEqual(["What results did I deliver, and how", "Setbacks and what I learned", "Goals ahead", "Wins cited"]);
    const counts = screen.getAllByTestId("word-count");
    expect(counts.map((c) => c.textContent)).toEqual(["2/80 words", "75/80 words", "6/80 words"]);
    expect(counts[1].classList.contains("over")).toBe(false);
  });

  it("edits a Forte text with a live count and copies the edit", async () => {
    await mount();
    await fireEvent.click(screen.getByTestId("mode-short"));
    await fireEvent.click(screen.getByRole("button", { name: "Edit Superpowers" }));
    const box = screen.getByRole("textbox", { name: "Edit Superpowers" }) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    await fireEvent.input(box, { target: { value: "Delivery and hiring [#12]." } });
    expect(screen.getAllByTestId("word-count")[3].textContent).toBe("3/60 words");
    m.outlineText.mockResolvedValue("# Yearly review (Forte), as the library writes it with the edit");
    await fireEvent.click(screen.getByTestId("copy-markdown"));
    await vi.waitFor(() => expect(m.writeText).toHaveBeenCalled());
    expect(m.outlineText).toHaveBeenCalledWith(true, [{ text: 1, para: 0, value: "Delivery and hiring [#12]." }]);
    expect(m.writeText.mock.calls[0][0]).toBe("# Yearly review (Forte), as the library writes it with the edit");
    expect(ui.toast?.message).toBe("Copied, with your edits");
    await fireEvent.click(screen.getByRole("button", { name: "Copy Superpowers without citations" }));
    await vi.waitFor(() => expect(m.writeText).toHaveBeenLastCalledWith("Delivery and hiring."));
    await fireEvent.click(screen.getByRole("button", { name: "Reset Superpowers to the generated text" }));
    expect(screen.getAllByTestId("word-count")[3].textContent).toBe("4/60 words");
  });
});
