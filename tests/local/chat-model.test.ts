import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTACHMENT_TEXT_CHARS } from "../../shared/chat/attachment-text.ts";
import { openAiEnv, openAiError, openAiStream, startFakeServer, type FakeServer } from "../shared/fake-llm-server.ts";
import { callFunction } from "./api.ts";
import { Inbox, subscribed } from "./realtime-harness.ts";
import { closeAll, startStackWithUsers, withFunctionsEnv, type SignedUpUser, type TestStack } from "./stack.ts";

type Message = { id: string; role: string; content: string; metadata: Record<string, any>; status: string; error: string | null };

/** The deltas the fake model streams; `failing` makes it answer 500 instead. */
const DELTAS = ["The opening ", "hours are ", "on the ", "park's notice ", "board."];
let failing = false;
let llm: FakeServer;
let stack: TestStack, alice: SignedUpUser;

beforeAll(async () => {
  llm = await startFakeServer(() => (failing ? { status: 500, json: openAiError("The server had an error", "server_error") } : { sse: openAiStream(DELTAS), gapMs: 20 }));
  ({ stack, alice } = await startStackWithUsers(withFunctionsEnv(openAiEnv(llm))));
});
afterAll(() => closeAll(stack, llm));

describe("chat replies from a configured model", () => {
  let thread: string;
  const tokens = new Inbox<{ reply_id: string; index: number; text: string }>();
  const failures = new Inbox<{ reply_id: string }>();
  const stored = new Inbox<Message>();

  beforeAll(async () => {
    thread = (await alice.client.from("chat_threads").insert({ title: "Park" }).select("id").single().throwOnError()).data!.id;
    const channel = alice.client
      .channel(`chat:${thread}`, { config: { private: true } })
      .on("broadcast", { event: "token" }, ({ payload }) => tokens.push(payload))
      .on("broadcast", { event: "reply_failed" }, ({ payload }) => failures.push(payload))
      .on("postgres_changes", { event: "*", schema: "public", table: "chat_messages", filter: `thread_id=eq.${thread}` }, ({ new: row }) => stored.push(row as Message));
    await subscribed(channel);
  });

  const ask = async (content: string) => {
    const response = await callFunction(stack, alice, "POST", `/chat/threads/${thread}/messages`, { content, mode: "ask" });
    expect(response.status).toBe(202);
    return (await response.json()) as { message_id: string; reply_id: string };
  };
  const messageRow = async (id: string) => (await alice.client.from("chat_messages").select("*").eq("id", id).single().throwOnError()).data as Message;

  it("streams the model's tokens as they arrive and stores the reply", async () => {
    const before = llm.requests.length;
    const body = await ask("When is the dog park open?");
    await stored.until(() => stored.items.some((m) => m.id === body.reply_id), 20_000, "the stored reply");
    const reply = stored.items.find((m) => m.id === body.reply_id)!;
    const pieces = tokens.items.filter((t) => t.reply_id === body.reply_id).sort((a, b) => a.index - b.index);
    // One broadcast per streamed delta, in order: the tokens are passed on, not re-cut.
    expect(pieces.map((p) => p.text)).toEqual(DELTAS);
    expect(reply).toMatchObject({ role: "assistant", content: DELTAS.join(""), metadata: { source: "openai", reply_to: body.message_id, streamed_pieces: DELTAS.length } });
    expect(reply.metadata.model).toEqual(expect.any(String));

    const request = llm.requests[before]!;
    expect(request.body.stream).toBe(true);
    expect(request.body.messages.at(-1)).toEqual({ role: "user", content: "When is the dog park open?" });
    expect(request.body.messages[0].content).toMatch(/nothing about this question/);
  });

  it("gives the model the thread's earlier turns, oldest first", async () => {
    const before = llm.requests.length;
    const body = await ask("And on Sundays?");
    await stored.until(() => stored.items.some((m) => m.id === body.reply_id), 20_000, "the stored reply");
    const { messages } = llm.requests[before]!.body;
    expect(messages.filter((m: { role: string }) => m.role !== "system")).toEqual([
      { role: "user", content: "When is the dog park open?" },
      { role: "assistant", content: DELTAS.join("") },
      { role: "user", content: "And on Sundays?" },
    ]);
  });

  it("marks the message failed when the provider errors, and a retry replies", async () => {
    failing = true;
    const body = await ask("Is the park fenced?");
    await failures.until(() => failures.items.some((f) => f.reply_id === body.reply_id), 20_000, "reply_failed");
    const failed = await messageRow(body.message_id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/The assistant could not reply: .*server had an error/);
    expect((await alice.client.from("chat_messages").select("id").eq("id", body.reply_id)).data).toEqual([]);

    failing = false;
    const retry = await callFunction(stack, alice, "POST", `/chat/messages/${body.message_id}/retry`);
    expect(retry.status).toBe(202);
    const retried = (await retry.json()) as { reply_id: string };
    await stored.until(() => stored.items.some((m) => m.id === retried.reply_id), 20_000, "the retried reply");
    expect(stored.items.find((m) => m.id === retried.reply_id)).toMatchObject({ role: "assistant", content: DELTAS.join(""), metadata: { reply_to: body.message_id } });
    expect(await messageRow(body.message_id)).toMatchObject({ status: "complete", error: null });
    // A second retry of a message that is no longer failed is refused.
    expect((await callFunction(stack, alice, "POST", `/chat/messages/${body.message_id}/retry`)).status).toBe(409);
  });
});

describe("a build request with text attachments", () => {
  it("gives the research agent the txt and md files, cut to size, and not the image", async () => {
    const thread = (await alice.client.from("chat_threads").insert({ title: "Kennel" }).select("id").single().throwOnError()).data!.id;
    const files = [
      { name: "brief.md", type: "text/markdown", body: "# Brief\n\nOwners book kennel stays online; staff confirm them." },
      { name: "rules.txt", type: "text/plain", body: `House rules. ${"Every dog needs a vaccination record. ".repeat(300)}` },
      { name: "logo.png", type: "image/png", body: "\x89PNG not really" },
    ];
    const attachments = [];
    for (const file of files) {
      const path = `${alice.userId}/${thread}/${file.name}`;
      expect((await alice.client.storage.from("attachments").upload(path, new Blob([file.body], { type: file.type }), { contentType: file.type })).error).toBeNull();
      attachments.push({ storage_path: path, original_name: file.name, mime_type: file.type, size_bytes: new TextEncoder().encode(file.body).byteLength });
    }
    const before = llm.requests.length;
    const response = await callFunction(stack, alice, "POST", `/chat/threads/${thread}/messages`, { content: "Build a kennel booking app", mode: "build", attachments });
    expect(response.status).toBe(202);
    const { job_id } = (await response.json()) as { job_id: string };

    const { data: job } = await alice.client.from("agent_jobs").select("params").eq("id", job_id).single().throwOnError();
    const stored = job!.params.input_context.attachments as { name: string; text: string; original_length: number }[];
    expect(stored.map((a) => a.name)).toEqual(["brief.md", "rules.txt"]);
    expect(stored[0]!.text).toBe(files[0]!.body);
    expect(stored[1]!.original_length).toBe(files[1]!.body.trim().length);
    expect(stored[1]!.text.length).toBeLessThanOrEqual(ATTACHMENT_TEXT_CHARS);
    expect(files[1]!.body.startsWith(stored[1]!.text)).toBe(true);

    // The research agent's request to the model carries both files, the long one marked as cut.
    const deadline = Date.now() + 30_000;
    const research = () => llm.requests.slice(before).find((r) => JSON.stringify(r.body.messages).includes("Attached file brief.md"));
    while (!research() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const prompt = JSON.stringify(research()?.body.messages ?? []);
    expect(prompt).toContain("Owners book kennel stays online");
    expect(prompt).toMatch(/Attached file rules\.txt \(the first [\d,]+ of [\d,]+ characters\)/);
    expect(prompt).not.toContain("logo.png");
    const { data: logs } = await alice.client.from("job_events").select("message").eq("job_id", job_id).eq("kind", "log");
    expect(logs!.map((l) => l.message)).toContain("Read 2 attached files: brief.md, rules.txt");
    // The fake's answer is no requirements document: stop the run rather than let it retry.
    await callFunction(stack, alice, "POST", `/jobs/${job_id}/cancel`);
  });
});
