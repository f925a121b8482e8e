import { describe, expect, it } from "vitest";
import { tinyPdf } from "../../tests/shared/tiny-pdf.ts";
import { chunkText } from "./chunk.ts";
import { extractDocumentText } from "./extract.ts";
import { documentTypeOf } from "./types.ts";

describe("chunkText", () => {
  it("packs short paragraphs into one passage", () => {
    expect(chunkText("First para.\n\nSecond para.")).toEqual(["First para.\n\nSecond para."]);
  });

  it("starts a new passage when the next paragraph does not fit", () => {
    const a = "a".repeat(60);
    const b = "b".repeat(60);
    expect(chunkText(`${a}\n\n${b}`, { size: 100 })).toEqual([a, b]);
  });

  it("splits a long paragraph at sentence ends, and cuts an endless sentence", () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} is here.`).join(" ");
    const chunks = chunkText(sentences, { size: 200 });
    expect(chunks.every((chunk) => chunk.length <= 200)).toBe(true);
    expect(chunks.join(" ").replace(/\s+/g, " ")).toBe(sentences);
    expect(chunkText("z".repeat(250), { size: 100 })).toEqual(["z".repeat(100), "z".repeat(100), "z".repeat(50)]);
  });

  it("returns nothing for blank text", () => {
    expect(chunkText(" \n\n ")).toEqual([]);
  });
});

describe("documents", () => {
  it("knows a document's type from its MIME type or its name", () => {
    expect(documentTypeOf("text/markdown; charset=utf-8", "a")).toBe("text/markdown");
    expect(documentTypeOf("application/octet-stream", "notes.MD")).toBe("text/markdown");
    expect(documentTypeOf("", "spec.pdf")).toBe("application/pdf");
    expect(documentTypeOf("image/png", "x.png")).toBeNull();
  });

  it("reads the text of a PDF, offline", async () => {
    const text = await extractDocumentText(tinyPdf(["Cancellation policy (full refund)", "Second line"]), "application/pdf");
    expect(text).toContain("Cancellation policy (full refund)");
    expect(text).toContain("Second line");
  });

  it("refuses a broken PDF and a file with no text, saying why", async () => {
    await expect(extractDocumentText(new TextEncoder().encode("%PDF-1.4 nope"), "application/pdf")).rejects.toThrow(/PDF could not be read/);
    await expect(extractDocumentText(new TextEncoder().encode("   "), "text/plain")).rejects.toThrow(/no text/);
  });
});
