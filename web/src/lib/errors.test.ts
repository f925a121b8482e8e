import { describe, expect, it } from "vitest";
import { fromFunctionAnswer } from "./errors.ts";

describe("fromFunctionAnswer", () => {
  it("keeps the function's code and gives its words, next to the server's specifics", () => {
    const error = fromFunctionAnswer(409, { error: "The job is running, not waiting for input.", code: "wrong_state" });
    expect(error).toMatchObject({ code: "conflict", status: 409, reason: "wrong_state", summary: "The job is not in a state that allows this.", message: "The job is running, not waiting for input." });
    expect(fromFunctionAnswer(409, { error: "x", code: "not_failed" }).summary).toBe("Only a failed job can be retried.");
    expect(fromFunctionAnswer(502, { error: "x", code: "provider_unavailable" }).reason).toBe("provider_unavailable");
  });

  it("does not invent a code the server did not send, and reads gateway `message` bodies", () => {
    const error = fromFunctionAnswer(401, { message: "Invalid JWT" });
    expect(error).toMatchObject({ code: "unauthenticated", status: 401 });
    expect(error.reason).toBeUndefined();
    expect(fromFunctionAnswer(418, { code: "made_up" }).reason).toBeUndefined();
  });
});
