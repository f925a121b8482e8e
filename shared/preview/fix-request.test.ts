import { describe, expect, it } from "vitest";
import { JobParams } from "../pipeline/params.ts";
import { previewFixInstruction, previewFixTitle } from "./fix-request.ts";

describe("Fix this: a preview error as the code agent's change request", () => {
  it("says what the app did, the message and the stack", () => {
    const text = previewFixInstruction({ kind: "uncaught", message: "classes is undefined", stack: "TypeError: classes is undefined\n    at ClassesPage (src/pages/ClassesPage.tsx:9:3)" });
    expect(text).toContain("threw an uncaught exception");
    expect(text).toContain("Error: classes is undefined");
    expect(text).toContain("at ClassesPage (src/pages/ClassesPage.tsx:9:3)");
  });

  it("fits the largest error a request may carry into a job's instruction and title", () => {
    const error = { kind: "render" as const, message: "m".repeat(2000), stack: "s".repeat(8000) };
    const params = JobParams.safeParse({ instruction: previewFixInstruction(error), input_context: { user_idea: previewFixTitle(error) } });
    expect(params.success).toBe(true);
  });
});
