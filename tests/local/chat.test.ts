import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { BUNDLE_THRESHOLD_BYTES, BundlingJobStore } from "../../shared/artifacts/bundle-store.ts";
import { PROMPT_LIMIT } from "../../shared/chat/prompt.ts";
import { tinyPdf } from "../shared/tiny-pdf.ts";
import { callFunction, type Caller } from "./api.ts";
import { Inbox, subscribed } from "./realtime-harness.ts";
import { startStackWithUsers, withFunctionsEnv, type TestStack } from "./stack.ts";

type User = Caller & { userId: string; client: SupabaseClient };
type Message = { id: string; role: string; content: string; metadata: Record<string, any>; status: string; error: string | null; job_id: string | null };

let stack: TestStack, alice: User, mallory: User;

beforeAll(async () => {
  // A low bundle threshold so the code stage's output (about 40 KB offline) is kept in Storage.
  const plugins = withFunctionsEnv({ CODEFORGE_ARTIFACT_BUNDLE_BYTES: "16384", CODEFORGE_CHAT_STREAM_DELAY_MS: "5" });
  ({ stack, alice, bob: mallory } = await startStackWithUsers(plugins));
});
afterAll(() => stack?.close());

/** Polls `read` until `done` holds (60 s at most, then returns what it has). */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `fn` while every insert into `table` fails (a trigger raising "injected failure"). */
async function withFailingInserts<T>(table: string, fn: () => Promise<T>): Promise<T> {
  await stack.db.exclusive(() => stack.db.pg.exec(`
    create or replace function public.test_fail() returns trigger language plpgsql set search_path = '' as $$ begin raise exception 'injected failure'; end $$;
    create trigger inject before insert on public.${table} for each row execute function public.test_fail();`));
  try {
    return await fn();
  } finally {
    await stack.db.exclusive(() => stack.db.pg.exec(`drop trigger inject on public.${table}; drop function public.test_fail();`));
  }
}

async function newThread(user: User, fields: Record<string, unknown> = {}): Promise<string> {
  return (await user.client.from("chat_threads").insert({ title: "Chat", ...fields }).select("id").single().throwOnError()).data!.id;
}
const messagesOf = async (thread: string): Promise<Message[]> =>
  (await alice.client.from("chat_messages").select("*").eq("thread_id", thread).order("created_at").order("id").throwOnError()).data as Message[];
const send = (user: User, thread: string, body: Record<string, unknown>) => callFunction(stack, user, "POST", `/chat/threads/${thread}/messages`, body);
const jobOf = (id: string) => poll(async () => (await alice.client.from("agent_jobs").select("status, agent_type, error").eq("id", id).single()).data!, (job) => ["completed", "failed", "waiting_for_input"].includes(job.status));
const until = (thread: string, done: (messages: Message[]) => boolean) => poll(() => messagesOf(thread), done);

describe("a build chatted into existence", () => {
  let thread: string;
  let project: string;
  const tokens = new Inbox<{ reply_id: string; index: number; text: string }>();
  const inserted = new Inbox<Message>();

  beforeAll(async () => {
    thread = await newThread(alice, { title: "Recipe box" });
    const channel = alice.client
      .channel(`chat:${thread}`, { config: { private: true } })
      .on("broadcast", { event: "token" }, ({ payload }) => tokens.push(payload))
      .on("postgres_changes", { event: "INSERT", schema: "public", table: "chat_messages", filter: `thread_id=eq.${thread}` }, ({ new: row }) => inserted.push(row as Message));
    await subscribed(channel);
  });

  it("starts the pipeline for a new project linked to the thread, and streams the reply before storing it", async () => {
    const response = await send(alice, thread, { content: "Build a recipe box where families share recipes and plan weekly meals" });
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toMatchObject({ intent: "build", truncated: false });
    project = body.project_id;
    expect((await alice.client.from("chat_threads").select("project_id").eq("id", thread).single()).data).toEqual({ project_id: project });

    await inserted.until(() => inserted.items.some((m) => m.id === body.reply_id), 20_000, "the stored reply");
    const reply = inserted.items.find((m) => m.id === body.reply_id)!;
    const pieces = tokens.items.filter((t) => t.reply_id === body.reply_id).sort((a, b) => a.index - b.index);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.text).join("")).toBe(reply.content);
    expect(reply).toMatchObject({ role: "assistant", metadata: { reply_to: body.message_id, streamed_pieces: pieces.length } });
    expect(await jobOf(body.job_id)).toMatchObject({ status: "completed", agent_type: "pipeline" });
  });

  it("reports the run as agent messages with requirements, architecture and file map artifacts", async () => {
    const messages = await until(thread, (all) => all.some((m) => m.metadata.event === "job_completed"));
    const agent = messages.filter((m) => m.role === "agent");
    expect(agent.map((m) => m.metadata.event)).toEqual(expect.arrayContaining(["run_started", "stage_started", "stage_completed", "job_completed"]));
    const { data: artifacts } = await alice.client.from("message_artifacts").select("payload, message_id").in("message_id", agent.map((m) => m.id)).throwOnError();
    const byStage = Object.fromEntries(artifacts!.map((a) => [a.payload.stage, a.payload]));
    expect(byStage.research.requirementsArtifact.app_name).toEqual(expect.any(String));
    expect(byStage.wireframe.architectureArtifact.site_map.length).toBeGreaterThan(0);
    const { data: files } = await alice.client.from("project_files").select("path").eq("project_id", project).throwOnError();
    expect(byStage.code.generatedFileMap.map((f: { path: string }) => f.path).sort()).toEqual(files!.map((f) => f.path).sort());
    // A second tab saw the same messages live.
    await inserted.until(() => agent.every((m) => inserted.items.some((i) => i.id === m.id)), 10_000, "every agent message over Realtime");
  });

  it("keeps the large code bundle in Storage and returns it intact on demand, to its owner only", async () => {
    const { data: rows } = await alice.client.from("job_artifacts").select("id, stage, bundle_path, size_bytes, content").eq("stage", "code").throwOnError();
    const code = rows!.find((row) => row.bundle_path)!;
    expect(code.bundle_path).toMatch(new RegExp(`^${alice.userId}/`));
    expect(code.size_bytes).toBeGreaterThan(16384);
    const response = await callFunction(stack, alice, "GET", `/chat/artifacts/${code.id}`);
    expect(response.status).toBe(200);
    const { content } = await response.json();
    const { data: files } = await alice.client.from("project_files").select("path, content").eq("project_id", project).throwOnError();
    const stored = Object.fromEntries(files!.map((f) => [f.path, f.content]));
    expect(content.output.length).toBe(files!.length);
    for (const file of content.output) expect(file.code).toBe(stored[file.file_path]);
    expect(new TextEncoder().encode(JSON.stringify(content)).byteLength).toBe(code.size_bytes);

    expect((await callFunction(stack, mallory, "GET", `/chat/artifacts/${code.id}`)).status).toBe(404);
    expect((await mallory.client.storage.from("artifacts").download(code.bundle_path!)).error).not.toBeNull();
    expect((await stack.anon().storage.from("artifacts").download(code.bundle_path!)).error).not.toBeNull();
  });

  it("applies a follow-up to the existing files instead of starting over", async () => {
    const before = Object.fromEntries(((await alice.client.from("project_files").select("path, content, version").eq("project_id", project)).data ?? []).map((f) => [f.path, f]));
    const response = await send(alice, thread, { content: "Make the header blue" });
    const body = await response.json();
    expect(body).toMatchObject({ intent: "change", project_id: project });
    expect(await jobOf(body.job_id)).toMatchObject({ status: "completed", agent_type: "code" });

    const after = Object.fromEntries(((await alice.client.from("project_files").select("path, content, version").eq("project_id", project)).data ?? []).map((f) => [f.path, f]));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after["src/styles.css"]!.content).toContain(".topbar { background: #2563eb;");
    expect(after["src/styles.css"]!.version).toBe(before["src/styles.css"]!.version + 1);
    for (const path of Object.keys(before).filter((p) => p !== "src/styles.css")) expect(after[path]!.content).toBe(before[path]!.content);
    const { data: stages } = await alice.client.from("job_artifacts").select("stage").eq("job_id", body.job_id);
    expect(stages).toEqual([{ stage: "code" }]);
    const messages = await until(thread, (all) => all.some((m) => m.job_id === body.job_id && m.metadata.event === "job_completed"));
    const fileMap = messages.find((m) => m.job_id === body.job_id && m.metadata.event === "stage_completed")!.metadata.generatedFileMap;
    expect(fileMap).toEqual([expect.objectContaining({ path: "src/styles.css" })]);
  });
});

describe("stage bundles over 256 KiB", () => {
  it("keeps the output in Storage, reads it back intact, and removes it when the stage is not recorded", async () => {
    const service = stack.service();
    const store = new BundlingJobStore(service);
    const project = (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Big", mode: "builder" }).select("id").single().throwOnError()).data!.id;
    const job = (await service.from("agent_jobs").insert({ project_id: project, user_id: alice.userId, agent_type: "pipeline" }).select("id").single().throwOnError()).data!.id;
    const output = { agent: "reviewer", notes: Array.from({ length: 3000 }, (_, i) => ({ i, text: `note ${i} ${"é✓".repeat(40)}` })) };
    expect(JSON.stringify(output).length).toBeGreaterThan(BUNDLE_THRESHOLD_BYTES);

    expect(await store.claim(job, "w", 60)).not.toBeNull();
    expect(await store.completeStage(job, "w", "reviewer_pass_1", output, 50)).toBe(true);
    const { data: row } = await alice.client.from("job_artifacts").select("bundle_path, size_bytes").eq("job_id", job).single();
    expect(row!.bundle_path).toBe(`${alice.userId}/${job}/reviewer_pass_1.json`);
    expect(row!.size_bytes).toBe(new TextEncoder().encode(JSON.stringify(output)).byteLength);
    expect((await store.outputs(job)).reviewer_pass_1).toEqual(output);
    expect(JSON.parse(await (await alice.client.storage.from("artifacts").download(row!.bundle_path!)).data!.text())).toEqual(output);

    // The worker lost the job: the stage is not recorded, and its bundle does not stay behind.
    expect(await store.completeStage(job, "someone-else", "sandbox_tests_attempt_2", output, 60)).toBe(false);
    expect((await service.storage.from("artifacts").exists(`${alice.userId}/${job}/sandbox_tests_attempt_2.json`)).data).toBe(false);
  });
});

describe("prompts, retries and bad input", () => {
  it("runs on the first 5,000 characters of a long message and says so", async () => {
    const thread = await newThread(alice);
    const long = `Build a habit tracker for runners. ${"Every runner logs distance and mood. ".repeat(200)}`;
    const body = await (await send(alice, thread, { content: long })).json();
    expect(body.truncated).toBe(true);
    const { data: job } = await alice.client.from("agent_jobs").select("params").eq("id", body.job_id).single();
    expect(job!.params.input_context.user_idea.length).toBeLessThanOrEqual(PROMPT_LIMIT);
    expect(long.startsWith(job!.params.input_context.user_idea)).toBe(true);
    await callFunction(stack, alice, "POST", `/jobs/${body.job_id}/cancel`);
    const messages = await until(thread, (all) => all.some((m) => m.id === body.reply_id));
    expect(messages.find((m) => m.id === body.reply_id)!.content).toContain(`the run uses the first ${PROMPT_LIMIT.toLocaleString("en-US")}`);
    expect(messages.find((m) => m.id === body.message_id)!.content).toBe(long.trim());
  });

  it("marks a message whose run could not start, and retries it with a new run", async () => {
    const thread = await newThread(alice);
    const first = await withFailingInserts("agent_jobs", async () => (await send(alice, thread, { content: "Build a plant watering planner" })).json());
    expect(first).toMatchObject({ intent: "build", job_id: null, project_id: null });
    const failed = await until(thread, (all) => all.some((m) => m.id === first.reply_id));
    expect(failed.find((m) => m.id === first.message_id)).toMatchObject({ status: "failed", error: "The run could not be queued." });
    expect(failed.find((m) => m.id === first.reply_id)!.content).toContain("Retry");
    // Nothing of the failed start remains: no project, no announcement.
    expect((await alice.client.from("chat_threads").select("project_id").eq("id", thread).single()).data).toEqual({ project_id: null });
    expect(failed.filter((m) => m.role === "agent")).toEqual([]);

    expect((await callFunction(stack, mallory, "POST", `/chat/messages/${first.message_id}/retry`)).status).toBe(404);
    const retried = await callFunction(stack, alice, "POST", `/chat/messages/${first.message_id}/retry`);
    expect(retried.status).toBe(202);
    const again = await retried.json();
    expect(again).toMatchObject({ message_id: first.message_id, intent: "build", job_id: expect.any(String) });
    expect((await messagesOf(thread)).find((m) => m.id === first.message_id)).toMatchObject({ status: "complete", job_id: again.job_id });
    expect((await callFunction(stack, alice, "POST", `/chat/messages/${first.message_id}/retry`)).status).toBe(409);
    await callFunction(stack, alice, "POST", `/jobs/${again.job_id}/cancel`);
  });

  it("answers bad input with 4xx and a reason, and keeps other users out", async () => {
    const thread = await newThread(alice);
    const empty = await send(alice, thread, { content: "   " });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/Write a message first/);
    expect((await send(alice, thread, { content: "hi", extra: 1 })).status).toBe(400);
    expect((await send(alice, "not-a-uuid", { content: "hi" })).status).toBe(400);
    expect((await send(mallory, thread, { content: "Build a thing" })).status).toBe(404);
    expect((await callFunction(stack, { apikey: stack.keys.anonKey }, "POST", `/chat/threads/${thread}/messages`, { content: "hi" })).status).toBe(401);
    const elsewhere = await send(alice, thread, { content: "see file", attachments: [{ storage_path: `${mallory.userId}/${thread}/x.txt`, original_name: "x.txt", mime_type: "text/plain", size_bytes: 1 }] });
    expect(elsewhere.status).toBe(400);
    const wrongType = await send(alice, thread, { content: "see file", attachments: [{ storage_path: `${alice.userId}/${thread}/x.exe`, original_name: "x.exe", mime_type: "application/x-msdownload", size_bytes: 1 }] });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error).toMatch(/Attachments must be one of/);
    expect(await messagesOf(thread)).toEqual([]);
  });
});

describe("attachments", () => {
  it("records a message with its uploaded attachment", async () => {
    const thread = await newThread(alice);
    const path = `${alice.userId}/${thread}/notes.txt`;
    await alice.client.storage.from("attachments").upload(path, new Blob(["some notes"], { type: "text/plain" }), { contentType: "text/plain" }).then(({ error }) => expect(error).toBeNull());
    const body = await (await send(alice, thread, { content: "What is in my notes?", attachments: [{ storage_path: path, original_name: "notes.txt", mime_type: "text/plain", size_bytes: 10 }] })).json();
    const { data } = await alice.client.from("message_attachments").select("message_id, original_name, size_bytes").eq("thread_id", thread);
    expect(data).toEqual([{ message_id: body.message_id, original_name: "notes.txt", size_bytes: 10 }]);
  });

  it("removes the upload from Storage when its row cannot be written", async () => {
    const thread = await newThread(alice);
    const path = `${alice.userId}/${thread}/doomed.txt`;
    await alice.client.storage.from("attachments").upload(path, new Blob(["x"], { type: "text/plain" }), { contentType: "text/plain" });
    const response = await withFailingInserts("message_attachments", () => send(alice, thread, { content: "Here", attachments: [{ storage_path: path, original_name: "doomed.txt", mime_type: "text/plain", size_bytes: 1 }] }));
    expect(response.status).toBe(500);
    expect(await messagesOf(thread)).toEqual([]);
    expect((await alice.client.storage.from("attachments").exists(path)).data).toBe(false);
  });
});

describe("project documents", () => {
  let project: string;
  let thread: string;
  const upload = async (name: string, body: Blob | Uint8Array, type: string) => {
    const path = `${alice.userId}/${project}/${crypto.randomUUID()}-${name}`;
    const { error } = await alice.client.storage.from("documents").upload(path, body, { contentType: type });
    expect(error).toBeNull();
    return path;
  };
  const register = (path: string, filename: string, user: User = alice) =>
    callFunction(stack, user, "POST", "/chat/documents", { project_id: project, storage_path: path, filename });

  beforeAll(async () => {
    project = (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Kennel", mode: "builder" }).select("id").single().throwOnError()).data!.id;
    thread = await newThread(alice, { project_id: project });
  });

  it("reads txt, md and pdf documents into passages and answers a question from the right one first", async () => {
    const md = "# Pricing\n\nA walk costs 25 dollars per dog for 45 minutes.\n\n# Opening hours\n\nThe kennel opens at 7am on weekdays.";
    const txt = "Our dogs are walked in Riverside Park.\n\nVaccination records are checked every January.";
    const pdf = tinyPdf(["Cancellation policy: cancel a booking up to 24 hours before the walk for a full refund."]);
    const results = [];
    for (const [name, body, type] of [["prices.md", new Blob([md], { type: "text/markdown" }), "text/markdown"], ["park.txt", new Blob([txt], { type: "text/plain" }), "text/plain"], ["policy.pdf", pdf, "application/pdf"]] as const) {
      const response = await register(await upload(name, body, type), name);
      expect(response.status).toBe(201);
      results.push(await response.json());
    }
    expect(results.map((r) => r.chunk_count)).toEqual([1, 1, 1]);

    const body = await (await send(alice, thread, { content: "What is the cancellation policy for a booking?" })).json();
    expect(body.intent).toBe("ask");
    const messages = await until(thread, (all) => all.some((m) => m.id === body.reply_id));
    const reply = messages.find((m) => m.id === body.reply_id)!;
    expect(reply.metadata.sources[0]).toMatchObject({ filename: "policy.pdf", chunk_index: 0 });
    expect(reply.content).toContain("full refund");
  });

  it("refuses a document it cannot read and removes the upload", async () => {
    const path = await upload("broken.pdf", new Blob(["%PDF-1.4 not really"], { type: "application/pdf" }), "application/pdf");
    const response = await register(path, "broken.pdf");
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(/PDF could not be read/);
    expect((await alice.client.storage.from("documents").exists(path)).data).toBe(false);
  });

  it("removes the upload when its rows cannot be written", async () => {
    const path = await upload("notes.txt", new Blob(["plain words"], { type: "text/plain" }), "text/plain");
    expect((await withFailingInserts("document_chunks", () => register(path, "notes.txt"))).status).toBe(500);
    expect((await alice.client.storage.from("documents").exists(path)).data).toBe(false);
    expect((await alice.client.from("project_documents").select("id").eq("storage_path", path)).data).toEqual([]);
  });

  it("does not register another user's upload or register into another user's project", async () => {
    const path = await upload("mine.txt", new Blob(["mine"], { type: "text/plain" }), "text/plain");
    expect((await register(path, "mine.txt", mallory)).status).toBe(404);
    expect((await alice.client.storage.from("documents").exists(path)).data).toBe(true);
  });

  it("gives the research agent the project's documents", async () => {
    const body = await (await send(alice, thread, { content: "Build a booking app for the kennel", mode: "build" })).json();
    expect(body.project_id).toBe(project);
    await jobOf(body.job_id);
    const { data: logs } = await alice.client.from("job_events").select("message").eq("job_id", body.job_id).eq("kind", "log");
    expect(logs!.map((l) => l.message).join("\n")).toMatch(/Read \d+ passages of the project's documents: .*(prices\.md|park\.txt|policy\.pdf)/);
  });
});

describe("Storage rules for chat files", () => {
  let thread: string;
  let path: string;
  beforeAll(async () => {
    thread = await newThread(alice);
    path = `${alice.userId}/${thread}/secret.txt`;
    const { error } = await alice.client.storage.from("attachments").upload(path, new Blob(["alice's secret"], { type: "text/plain" }), { contentType: "text/plain" });
    expect(error).toBeNull();
  });

  describe.each([["another user", () => mallory.client], ["anon", () => stack.anon()]])("%s", (_, clientOf) => {
    it("cannot list, read, overwrite or delete the owner's attachment", async () => {
      const bucket = clientOf().storage.from("attachments");
      expect((await bucket.list(`${alice.userId}/${thread}`)).data ?? []).toEqual([]);
      expect((await bucket.download(path)).error).not.toBeNull();
      expect((await bucket.upload(path, new Blob(["overwritten"], { type: "text/plain" }), { upsert: true, contentType: "text/plain" })).error).not.toBeNull();
      await bucket.remove([path]);
      expect(await (await alice.client.storage.from("attachments").download(path)).data!.text()).toBe("alice's secret");
    });

    it("cannot write into the owner's documents folder", async () => {
      const { error } = await clientOf().storage.from("documents").upload(`${alice.userId}/x/evil.txt`, new Blob(["evil"], { type: "text/plain" }), { contentType: "text/plain" });
      expect(error).not.toBeNull();
    });
  });

  it("refuses an oversize or wrong-type upload with a 4xx that says why", async () => {
    const big = await alice.client.storage.from("attachments").upload(`${alice.userId}/${thread}/big.txt`, new Blob([new Uint8Array(10 * 1024 * 1024 + 1)], { type: "text/plain" }), { contentType: "text/plain" });
    expect(big.error).toMatchObject({ statusCode: "413" });
    expect(big.error!.message).toMatch(/maximum allowed size/i);
    const exe = await alice.client.storage.from("documents").upload(`${alice.userId}/${thread}/tool.exe`, new Blob(["MZ"], { type: "application/x-msdownload" }), { contentType: "application/x-msdownload" });
    expect(exe.error).toMatchObject({ statusCode: "415" });
    expect(exe.error!.message).toMatch(/mime type .* is not supported/i);
  });

  it("keeps artifacts write-only for the backend", async () => {
    const { error } = await alice.client.storage.from("artifacts").upload(`${alice.userId}/fake.json`, new Blob(["{}"], { type: "application/json" }), { contentType: "application/json" });
    expect(error).not.toBeNull();
  });
});
