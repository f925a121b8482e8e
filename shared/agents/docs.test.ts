import { afterEach, describe, expect, it } from "vitest";
import { openAiCompletion, startFakeServer, type FakeServer, type RecordedRequest, type Reply } from "../../tests/shared/fake-llm-server.ts";
import { createOpenAiProvider } from "../llm/index.ts";
import { createOfflineAgentModel } from "../offline/model.ts";
import { runDocsAgent, runExplainAgent } from "./docs.ts";
import { createLlmAgentModel } from "./llm-model.ts";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function llm(answer: (request: RecordedRequest) => Reply) {
  server = await startFakeServer(answer);
  return createLlmAgentModel(createOpenAiProvider({ apiKey: "test", baseUrl: server.url }));
}

const files = [{ path: "src/sum.ts", content: "/** Adds two numbers. */\nexport function sum(a: number, b: number) {\n  return a + b;\n}\n", language: "typescript" }];
const userText = (request: RecordedRequest) => request.body.messages.map((m: { content: string }) => m.content).join("\n");

describe("docs and explain agents over an LLM", () => {
  it("asks for the docs schema with the file's source, and stores the page where the agent decides", async () => {
    const model = await llm(() => ({ json: openAiCompletion(JSON.stringify({ path: "anything.md", title: "sum", markdown: "# sum\n\nAdds two numbers and returns the total.", summary: "Adds numbers." })) }));
    const answer = await runDocsAgent({ files, file_path: "src/sum.ts" }, {}, model);
    expect(answer).toMatchObject({ source: "llm", output: { path: "docs/src/sum.md", title: "sum" } });
    expect(server!.requests[0]!.body.response_format.json_schema.name).toBe("docs");
    expect(userText(server!.requests[0]!)).toContain("export function sum(a: number, b: number)");
  });

  it("repairs an invalid explanation with the validation errors, then validates it", async () => {
    const replies = [JSON.stringify({ answer: "", summary: "x" }), JSON.stringify({ answer: "It returns `a + b`.", summary: "The sum.", symbols: ["sum"] })];
    const model = await llm(() => ({ json: openAiCompletion(replies.shift()!) }));
    const answer = await runExplainAgent({ file_path: "src/sum.ts", language: "typescript", content: files[0]!.content, line_start: 2, line_end: 4, question: "What is returned?" }, {}, model);
    expect(answer.output).toEqual({ answer: "It returns `a + b`.", summary: "The sum.", symbols: ["sum"] });
    expect(server!.requests).toHaveLength(2);
    expect(userText(server!.requests[0]!)).toContain("Question: What is returned?");
  });

  it("refuses a range past the end of the file and a file not in the project", async () => {
    const model = createOfflineAgentModel();
    await expect(runExplainAgent({ file_path: "src/sum.ts", language: "typescript", content: files[0]!.content, line_start: 40, line_end: 41 }, {}, model)).rejects.toThrow(/has 5 lines/);
    await expect(runDocsAgent({ files, file_path: "src/none.ts" }, {}, model)).rejects.toThrow(/no file src\/none.ts/);
  });
});
