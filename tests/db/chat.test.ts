import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { embedText } from "../../shared/embeddings/feature-hashing.ts";
import { asActor, databaseWithUsers, insertRow } from "./harness.ts";

let pg: PGlite, owner: string, other: string;
let thread: string;

beforeAll(async () => ({ pg, owner, other } = await databaseWithUsers()));
afterAll(() => pg.close());
beforeEach(async () => {
  thread = await insertRow(pg, "chat_threads", { user_id: owner, title: "Chat" });
});

const as = (sub: string) => ({ role: "authenticated" as const, sub });
const count = async (table: string, where: string, params: unknown[]) =>
  Number((await pg.query<{ n: number }>(`select count(*)::int as n from public.${table} where ${where}`, params)).rows[0]!.n);
const userMessage = (content = "Build a recipe box") =>
  insertRow(pg, "chat_messages", { thread_id: thread, role: "user", content });
const startRun = async (message: string, agentType = "pipeline") =>
  (await pg.query<{ job_id: string; project_id: string; created_project: boolean }>(
    "select * from public.start_chat_run($1, $2, $3, $4, 'Recipe box', 'Starting the build')",
    [thread, message, agentType, { input_context: { user_idea: "Build a recipe box" } }],
  )).rows[0]!;

describe("threads and messages under RLS", () => {
  it("lets the owner read and write user messages, and nobody else", async () => {
    await asActor(pg, as(owner), (tx) => tx.query("select public.post_chat_message($1, 'Hello', '{}', '[]')", [thread]));
    await userMessage();
    const seen = (sub: string) => asActor(pg, as(sub), async (tx) => (await tx.query("select id from public.chat_messages where thread_id = $1", [thread])).rows.length);
    expect(await seen(owner)).toBe(1);
    expect(await seen(other)).toBe(0);
    await expect(asActor(pg, as(other), (tx) => tx.query("select public.post_chat_message($1, 'Intrusion', '{}', '[]')", [thread]))).rejects.toThrow();
  });

  it("refuses an assistant or agent message written by the user", async () => {
    await expect(asActor(pg, as(owner), (tx) =>
      tx.query("insert into public.chat_messages (thread_id, role, content) values ($1, 'assistant', 'I am the AI')", [thread]),
    )).rejects.toThrow(/row-level security/);
  });

  it("refuses a thread on someone else's project", async () => {
    const project = await insertRow(pg, "projects", { user_id: other, title: "Theirs", mode: "builder" });
    await expect(asActor(pg, as(owner), (tx) =>
      tx.query("insert into public.chat_threads (title, project_id) values ('Mine?', $1)", [project]),
    )).rejects.toThrow(/row-level security/);
  });

  it("keeps the thread's last message and preview current", async () => {
    await userMessage("The newest words");
    expect((await pg.query("select last_message_preview from public.chat_threads where id = $1", [thread])).rows[0]).toEqual({ last_message_preview: "The newest words" });
  });

  it("writes a message with its attachments, or neither when one attachment is bad", async () => {
    const attachment = (name: string, size: number) => ({ storage_path: `${owner}/${thread}/${name}`, original_name: name, mime_type: "text/plain", size_bytes: size });
    await asActor(pg, as(owner), async (tx) => {
      await tx.query("select public.post_chat_message($1, 'Two files', '{}', $2)", [thread, JSON.stringify([attachment("a.txt", 3), attachment("b.txt", 4)])]);
      expect((await tx.query("select original_name from public.message_attachments where thread_id = $1 order by 1", [thread])).rows).toEqual([{ original_name: "a.txt" }, { original_name: "b.txt" }]);
    });
    await asActor(pg, as(owner), async (tx) => {
      await expect(tx.query("select public.post_chat_message($1, 'One too big', '{}', $2)", [thread, JSON.stringify([attachment("c.txt", 3), attachment("d.txt", 99_000_000)])]))
        .rejects.toThrow(/size_bytes/);
    });
    expect(await count("chat_messages", "thread_id = $1", [thread])).toBe(0);
    expect(await count("message_attachments", "thread_id = $1", [thread])).toBe(0);
  });
});

describe("start_chat_run", () => {
  it("creates the thread's project on the first build and reuses it after", async () => {
    const first = await startRun(await userMessage());
    expect(first.created_project).toBe(true);
    const second = await startRun(await userMessage("Make the header blue"), "code");
    expect(second).toMatchObject({ project_id: first.project_id, created_project: false });
    expect((await pg.query("select project_id from public.chat_threads where id = $1", [thread])).rows[0]).toEqual({ project_id: first.project_id });
    const job = (await pg.query<{ params: Record<string, unknown> }>("select params from public.agent_jobs where id = $1", [second.job_id])).rows[0]!;
    expect(job.params).toMatchObject({ thread_id: thread, input_context: { user_idea: "Build a recipe box" } });
  });

  it("leaves no project, job or message behind when the announcement cannot be written", async () => {
    const message = await userMessage();
    await pg.exec(`create or replace function pg_temp.fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$;
      create trigger inject before insert on public.chat_messages for each row when (new.role = 'agent') execute function pg_temp.fail();`);
    try {
      await expect(startRun(message)).rejects.toThrow(/injected failure/);
    } finally {
      await pg.exec("drop trigger inject on public.chat_messages");
    }
    expect((await pg.query("select project_id from public.chat_threads where id = $1", [thread])).rows[0]).toEqual({ project_id: null });
    expect(await count("agent_jobs", "params ->> 'thread_id' = $1", [thread])).toBe(0);
    expect(await count("chat_messages", "thread_id = $1 and role = 'agent'", [thread])).toBe(0);
    expect((await pg.query("select job_id from public.chat_messages where id = $1", [message])).rows[0]).toEqual({ job_id: null });
  });

  it("is not callable by users", async () => {
    const message = await userMessage();
    await expect(asActor(pg, as(owner), (tx) =>
      tx.query("select * from public.start_chat_run($1, $2, 'pipeline', '{}', 'x', 'y')", [thread, message]),
    )).rejects.toThrow(/permission denied/);
  });
});

describe("stage artifacts in the thread", () => {
  const files = [{ file_path: "src/App.tsx", language: "typescript", code: "export default 1;" }];
  const completeCode = (job: string) =>
    pg.query("select public.claim_agent_job($1, 'w', 60)", [job]).then(() =>
      pg.query<{ ok: boolean }>("select public.complete_agent_job_stage($1, 'w', 'code', $2, 50, $3) as ok", [
        job, { agent: "code", output: files }, { files: files.map((f) => ({ path: f.file_path, content: f.code, language: f.language })) },
      ]));

  it("turns a finished stage into an agent message with its artifact", async () => {
    const { job_id } = await startRun(await userMessage());
    await completeCode(job_id);
    const { rows } = await pg.query<{ content: string; payload: Record<string, unknown> }>(
      `select m.content, a.payload from public.chat_messages m join public.message_artifacts a on a.message_id = m.id where m.thread_id = $1`, [thread]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content).toBe("Code written: 1 files.");
    expect(rows[0]!.payload).toMatchObject({ stage: "code", generatedFileMap: [{ path: "src/App.tsx", language: "typescript", bytes: 17 }] });
    const seen = (sub: string) => asActor(pg, as(sub), async (tx) => (await tx.query("select id from public.message_artifacts")).rows.length);
    expect(await seen(owner)).toBeGreaterThan(0);
    expect(await seen(other)).toBe(0);
  });

  it("ends a build with the sandbox's summary line when the fix loop ran", async () => {
    const done = async (result: Record<string, unknown>) => {
      const { job_id } = await startRun(await userMessage());
      await pg.query("select public.claim_agent_job($1, 'w', 60)", [job_id]);
      await pg.query("select public.finish_agent_job($1, 'w', 'completed', $2)", [job_id, result]);
      return (await pg.query<{ content: string }>("select content from public.chat_messages where job_id = $1 and metadata ->> 'event' = 'job_completed'", [job_id])).rows[0]!.content;
    };
    expect(await done({ files: ["a", "b"], sandbox: { summary: "Tests: 14 passed · 8 routes render · fixed in 1 attempt" } }))
      .toBe('The build is done: 2 files. Tests: 14 passed · 8 routes render · fixed in 1 attempt. Ask for changes, e.g. "make the header blue".');
    expect(await done({ files: ["a"] })).toBe('The build is done: 1 files. Ask for changes, e.g. "make the header blue".');
  });

  it("writes nothing of the stage when its chat artifact insert fails mid-transaction", async () => {
    const { job_id, project_id } = await startRun(await userMessage());
    const messagesBefore = await count("chat_messages", "thread_id = $1", [thread]);
    await pg.exec(`create or replace function pg_temp.fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$;
      create trigger inject before insert on public.message_artifacts for each row execute function pg_temp.fail();`);
    try {
      await expect(completeCode(job_id)).rejects.toThrow(/injected failure/);
    } finally {
      await pg.exec("drop trigger inject on public.message_artifacts");
    }
    expect(await count("chat_messages", "thread_id = $1", [thread])).toBe(messagesBefore);
    expect(await count("job_artifacts", "job_id = $1", [job_id])).toBe(0);
    expect(await count("project_files", "project_id = $1", [project_id])).toBe(0);
    expect((await pg.query("select completed_stages from public.agent_jobs where id = $1", [job_id])).rows[0]).toEqual({ completed_stages: [] });
  });

  it("records a bundle reference in bundle_path with the bundle's size, for the chat's stage names too", async () => {
    const { job_id } = await startRun(await userMessage());
    await pg.query("select public.claim_agent_job($1, 'w', 60)", [job_id]);
    await pg.query("select public.complete_agent_job_stage($1, 'w', 'reviewer_pass_2', $2, 60)", [job_id, { bundle_ref: `${owner}/${job_id}/reviewer_pass_2.json`, size_bytes: 300_000 }]);
    expect((await pg.query("select bundle_path, size_bytes from public.job_artifacts where job_id = $1", [job_id])).rows[0])
      .toEqual({ bundle_path: `${owner}/${job_id}/reviewer_pass_2.json`, size_bytes: 300_000 });
    expect((await pg.query("select content from public.chat_messages where job_id = $1 and metadata ->> 'stage' = 'reviewer_pass_2' and metadata ->> 'event' = 'stage_completed'", [job_id])).rows)
      .toEqual([{ content: "Stage review pass 2 finished." }]);
  });

  it("marks the user message failed when its run fails", async () => {
    const message = await userMessage();
    const { job_id } = await startRun(message);
    await pg.query("select public.claim_agent_job($1, 'w', 60)", [job_id]);
    await pg.query("select public.finish_agent_job($1, 'w', 'failed', null, 'research: the model is down')", [job_id]);
    expect((await pg.query("select status, error from public.chat_messages where id = $1", [message])).rows[0])
      .toEqual({ status: "failed", error: "research: the model is down" });
  });
});

describe("match_documents", () => {
  it("returns the owner's nearest passage first and nothing to another user", async () => {
    const project = await insertRow(pg, "projects", { user_id: owner, title: "Docs", mode: "builder" });
    const chunks = ["Penguins eat krill and fish in the cold southern ocean.", "The invoice total includes tax and shipping fees.", "Our brand colours are teal and orange."]
      .map((content) => ({ content, embedding: JSON.stringify(embedText(content)) }));
    await pg.query("select public.add_project_document($1, $2, 'notes.txt', 'text/plain', 100, $3, 'feature-hashing-v1')", [project, `${owner}/${project}/notes.txt`, JSON.stringify(chunks)]);
    const query = JSON.stringify(embedText("What do penguins eat?"));
    const match = (sub: string) => asActor(pg, as(sub), async (tx) =>
      (await tx.query<{ content: string; filename: string }>("select content, filename from public.match_documents($1, 'feature-hashing-v1', $2, 3)", [query, project])).rows);
    const found = await match(owner);
    expect(found[0]).toEqual({ content: chunks[0]!.content, filename: "notes.txt" });
    expect(await match(other)).toEqual([]);
  });
});
