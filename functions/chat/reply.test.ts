import { describe, expect, it } from "vitest";
import { runPrompt } from "../../shared/chat/prompt.ts";
import type { ReplyInput } from "../../shared/chat/reply.ts";
import type { FunctionEnv } from "../_shared/context.ts";
import { replyWriter } from "./reply.ts";

const input: ReplyInput = { intent: "ask", prompt: "Is the park fenced?", notice: null, projectTitle: null, sources: [] };
const env = (vars: Record<string, string>) => ({ SUPABASE_URL: "http://127.0.0.1:1", ...vars }) as unknown as FunctionEnv;
const written = async (writer: ReturnType<typeof replyWriter>) => {
  const pieces: string[] = [];
  await writer.write((piece) => pieces.push(piece));
  return pieces;
};

describe("the chat reply's writer", () => {
  it("is the offline engine by default", async () => {
    const writer = replyWriter(env({ CODEFORGE_CHAT_STREAM_DELAY_MS: "0" }), input, runPrompt(input.prompt));
    expect(writer.source).toEqual({ source: "offline" });
    expect((await written(writer)).join("")).toMatch(/offline engine/);
  });

  it("fails the reply, not the request, when the configured model lacks its key", async () => {
    const writer = replyWriter(env({ CODEFORGE_LLM_PROVIDER: "openai" }), input, runPrompt(input.prompt));
    expect(writer.source).toEqual({ source: "openai" });
    await expect(written(writer)).rejects.toThrow(/OPENAI_API_KEY/);
  });
});
