import { describe, expect, it } from "vitest";
import { chatIntent, titleOf } from "./intent.ts";
import { PROMPT_LIMIT, runPrompt, truncationNotice } from "./prompt.ts";
import { conversation } from "./model-prompt.ts";
import { offlineReply, replyPieces } from "./reply.ts";

describe("runPrompt", () => {
  it("keeps a short message whole", () => {
    expect(runPrompt("  Build a CRM  ")).toEqual({ prompt: "Build a CRM", truncated: false, original_length: 11 });
    expect(truncationNotice(runPrompt("Build a CRM"))).toBeNull();
  });

  it("cuts a long message at 5,000 characters and tells the user", () => {
    const prompt = runPrompt("x".repeat(7342));
    expect(prompt).toMatchObject({ truncated: true, original_length: 7342 });
    expect(prompt.prompt).toHaveLength(PROMPT_LIMIT);
    expect(truncationNotice(prompt)).toBe("Your message has 7,342 characters; the run uses the first 5,000.");
  });

  it("never splits a surrogate pair at the limit", () => {
    const prompt = runPrompt(`${"x".repeat(PROMPT_LIMIT - 1)}😀 and more`);
    expect(prompt.prompt).toBe("x".repeat(PROMPT_LIMIT - 1));
  });
});

describe("chatIntent", () => {
  it("answers questions, changes an existing app, builds otherwise", () => {
    expect(chatIntent("What does the pricing doc say?", { hasFiles: true })).toBe("ask");
    expect(chatIntent("how do refunds work", { hasFiles: false })).toBe("ask");
    expect(chatIntent("make the header blue", { hasFiles: true })).toBe("change");
    expect(chatIntent("A CRM for dog walkers", { hasFiles: false })).toBe("build");
  });

  it("lets an explicit mode win", () => {
    expect(chatIntent("What about a CRM?", { hasFiles: false, mode: "build" })).toBe("build");
    expect(chatIntent("anything", { hasFiles: true, mode: "auto" })).toBe("change");
  });

  it("titles a project with the request's first sentence", () => {
    expect(titleOf("A recipe box. With meal plans.")).toBe("A recipe box.");
    expect(titleOf("y".repeat(80))).toHaveLength(58);
  });
});

describe("the offline reply", () => {
  it("quotes the best passage for a question", () => {
    const text = offlineReply({ intent: "ask", prompt: "refunds?", notice: null, projectTitle: null, sources: [{ filename: "policy.pdf", chunk_index: 2, content: "Full refund up to 24 hours before.", similarity: 0.4 }] });
    expect(text).toContain('From policy.pdf (passage 3): "Full refund up to 24 hours before."');
  });

  it("says when the run could not start", () => {
    expect(offlineReply({ intent: "build", prompt: "x", notice: null, projectTitle: null, sources: [], failure: "the run could not be queued." })).toMatch(/could not start the run.*Retry/);
  });

  it("streams in pieces that join back to the text", () => {
    const text = "One two three four five six seven.\n\nEight nine.";
    const pieces = replyPieces(text);
    expect(pieces).toEqual(["One two three ", "four five six ", "seven.\n\nEight nine."]);
    expect(pieces.join("")).toBe(text);
  });
});

describe("the conversation a model is given", () => {
  it("starts with the user and joins turns of one role, ending with the prompt", () => {
    expect(conversation([
      { role: "assistant", content: "Welcome" },
      { role: "user", content: "Build a CRM" },
      { role: "assistant", content: "Starting the build" },
      { role: "assistant", content: "Research done" },
    ], "Make the header blue")).toEqual([
      { role: "user", content: "Build a CRM" },
      { role: "assistant", content: "Starting the build\n\nResearch done" },
      { role: "user", content: "Make the header blue" },
    ]);
    expect(conversation([], "Hello")).toEqual([{ role: "user", content: "Hello" }]);
  });
});
