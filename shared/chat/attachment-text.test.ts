import { describe, expect, it } from "vitest";
import { ATTACHMENT_TEXT_CHARS, ATTACHMENTS_TEXT_CHARS, attachmentDocument, attachmentTexts, isTextAttachment } from "./attachment-text.ts";

describe("attachment texts for the research input", () => {
  it("reads txt and md files, not images or PDFs", () => {
    expect(isTextAttachment("text/plain", "notes.txt")).toBe(true);
    expect(isTextAttachment("text/markdown", "brief.md")).toBe(true);
    expect(isTextAttachment("image/png", "logo.png")).toBe(false);
    expect(isTextAttachment("application/pdf", "spec.pdf")).toBe(false);
    expect(isTextAttachment("text/csv", "data.csv")).toBe(false);
  });

  it("keeps short files whole and cuts a long one at a word end, saying so", () => {
    const long = "word ".repeat(2000);
    const [short, cutFile] = attachmentTexts([{ name: "a.txt", text: "  Dogs on a lead.\r\n" }, { name: "b.md", text: long }]);
    expect(short).toEqual({ name: "a.txt", text: "Dogs on a lead.", original_length: 15 });
    expect(cutFile!.text.length).toBeLessThanOrEqual(ATTACHMENT_TEXT_CHARS);
    expect(cutFile!.text.length).toBeGreaterThan(ATTACHMENT_TEXT_CHARS * 0.8);
    expect(cutFile!.text.endsWith("word")).toBe(true);
    expect(attachmentDocument(cutFile!)).toMatch(/^Attached file b\.md \(the first 3,[78]\d\d of 9,999 characters\):\nword word/);
    expect(attachmentDocument(short!)).toBe("Attached file a.txt:\nDogs on a lead.");
  });

  it("bounds all files together, dropping blanks and what finds no room", () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `${i}.txt`, text: "x".repeat(5000) }));
    const texts = attachmentTexts([{ name: "blank.md", text: " \n " }, ...files]);
    expect(texts.map((t) => t.name)).toEqual(["0.txt", "1.txt", "2.txt", "3.txt"]);
    expect(texts.reduce((sum, t) => sum + t.text.length, 0)).toBe(ATTACHMENTS_TEXT_CHARS);
  });

  it("never splits a surrogate pair", () => {
    const [file] = attachmentTexts([{ name: "e.md", text: "x".repeat(ATTACHMENT_TEXT_CHARS - 1) + "😀".repeat(10) }]);
    expect(file!.text).toBe("x".repeat(ATTACHMENT_TEXT_CHARS - 1));
  });
});
