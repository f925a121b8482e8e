import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { pipelineDeps } from "../../shared/pipeline/supabase-deps.ts";
import { createOfflineAgentModel } from "../../shared/offline/model.ts";
import { HASHING_EMBEDDING_MODEL } from "../../shared/embeddings/embedder.ts";
import { embedText } from "../../shared/embeddings/feature-hashing.ts";
import { startFakeEmbeddings, TOPIC_QUERIES, type FakeEmbeddings } from "../shared/fake-embeddings.ts";
import { openAiEnv } from "../shared/fake-llm-server.ts";
import { callFunction, type Caller } from "./api.ts";
import { pollFor } from "./poll.ts";
import { closeAll, startStackWithUsers, withFunctionsEnv, type TestStack } from "./stack.ts";

const MODEL = "text-embedding-3-small";
const root = fileURLToPath(new URL("../..", import.meta.url));
let fake: FakeEmbeddings;
let stack: TestStack;
let env: Record<string, string>;
let alice: Caller & { client: SupabaseClient; userId: string };
let service: Caller;

beforeAll(async () => {
  fake = await startFakeEmbeddings();
  env = openAiEnv(fake);
  ({ stack, alice } = await startStackWithUsers(withFunctionsEnv(env)));
  service = { apikey: stack.keys.serviceRoleKey, token: stack.keys.serviceRoleKey };
});
afterAll(() => closeAll(stack, fake));

const reembed = (caller: Caller, body: unknown) => callFunction(stack, caller, "POST", "/worker/reembed", body);
const modelsOf = async (table: "pattern_embeddings" | "document_chunks") =>
  ((await stack.service().from(table).select("embedding_model").not("embedding", "is", null)).data ?? []).map((row) => row.embedding_model as string);
const matchCount = async (model: string) =>
  ((await alice.client.rpc("match_patterns", { query_embedding: JSON.stringify(embedText("anything")), query_model: model, match_count: 500 })).data ?? []).length;
/** A pattern embedded by the hashing embedder, as a library row from before the model change. */
const insertHashedPattern = async (name: string) =>
  (await stack.service().from("pattern_embeddings").insert({
    project_type: "content", embedding: JSON.stringify(embedText(name)), embedding_model: HASHING_EMBEDDING_MODEL,
    metadata: { name, summary: name, pages: [], components: [], entities: [], stack: [] }, success_score: 0.8,
  }).select("id").single().throwOnError()).data!.id as string;

describe("re-embedding after a model change", () => {
  let total: number;

  it("starts with the seeded library, made by the hashing embedder", async () => {
    const models = await modelsOf("pattern_embeddings");
    total = models.length;
    expect(total).toBeGreaterThanOrEqual(30);
    expect(new Set(models)).toEqual(new Set([HASHING_EMBEDDING_MODEL]));
  });

  it("is for the service role only: a user's JWT gets 403, no token 401", async () => {
    const asUser = await reembed(alice, {});
    expect(asUser.status).toBe(403);
    expect((await asUser.json()).code).toBe("forbidden");
    expect((await callFunction(stack, { apikey: stack.keys.anonKey }, "POST", "/worker/reembed", {})).status).toBe(401);
    expect(fake.embeddedTexts()).toBe(0);
  });

  it("refuses a bad batch size with a 400 naming it", async () => {
    const response = await reembed(service, { batch_size: 0 });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/batch_size/);
  });

  it("works in batches, and the two models never share a ranking meanwhile", async () => {
    const response = await reembed(service, { batch_size: 8, max_batches: 2 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ model: MODEL, embedded: 16, done: 16, total, finished: false, remaining: { pattern_embeddings: total - 16 } });
    expect(fake.embeddedTexts()).toBe(16);
    expect(fake.requests.filter((r) => r.path === "/v1/embeddings").map((r) => r.body.input.length)).toEqual([8, 8]);
    expect(await matchCount(MODEL)).toBe(16);
    expect(await matchCount(HASHING_EMBEDDING_MODEL)).toBe(total - 16);
  });

  it("resumes: re-embeds only the vectors another model made, then nothing", async () => {
    const rest = await (await reembed(service, { batch_size: 8, max_batches: 50 })).json();
    expect(rest).toMatchObject({ model: MODEL, embedded: total - 16, done: total, total, finished: true });
    expect(fake.embeddedTexts()).toBe(total);
    expect(await (await reembed(service, {})).json()).toMatchObject({ embedded: 0, finished: true });
    expect(fake.embeddedTexts()).toBe(total);
    expect(new Set(await modelsOf("pattern_embeddings"))).toEqual(new Set([MODEL]));
  });

  it("ranks the right pattern first through the worker's retrieval", async () => {
    const deps = pipelineDeps({ ...env, SUPABASE_URL: stack.apiUrl, SUPABASE_ANON_KEY: stack.keys.anonKey, SUPABASE_SERVICE_ROLE_KEY: stack.keys.serviceRoleKey }, stack.service(), createOfflineAgentModel());
    const firsts: string[] = [];
    for (const { query } of TOPIC_QUERIES) {
      const [vector] = await deps.embed([query]);
      firsts.push((await deps.retrievePatterns(vector!, null, 3))[0]!.metadata.name);
    }
    expect(firsts).toEqual(TOPIC_QUERIES.map((q) => q.pattern));
  });

  it("npm run forge -- reembed: re-embeds what is stale with a progress bar", { timeout: 90_000 }, async () => {
    const id = await insertHashedPattern("Podcast hosting");
    // Asynchronously: the stack answering the CLI runs in this process.
    const cli = await promisify(execFile)(process.execPath, ["--import", "tsx", "local/forge.ts", "reembed", "--batch-size", "16"], {
      cwd: root, encoding: "utf8", timeout: 60_000,
      env: { ...process.env, SUPABASE_URL: stack.apiUrl, SUPABASE_SERVICE_ROLE_KEY: stack.keys.serviceRoleKey },
    });
    expect(cli.stdout).toMatch(new RegExp(`Re-embedding with ${MODEL} \\[█{20}\\] ${total + 1}/${total + 1}`));
    expect((await stack.service().from("pattern_embeddings").select("embedding_model").eq("id", id).single()).data).toEqual({ embedding_model: MODEL });
  });

  it("refuses a model whose vectors are not 1536-dimensional with a 400 naming the model and the dimension, writing nothing", async () => {
    const id = await insertHashedPattern("Wedding planner");
    fake.setDimensions(768);
    try {
      const response = await reembed(service, {});
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ code: "invalid_embedding_model", details: { model: MODEL, dimensions: 768 } });
      expect(body.error).toMatch(/"text-embedding-3-small" returns 768-dimensional vectors/);
      expect((await stack.service().from("pattern_embeddings").select("embedding_model").eq("id", id).single()).data).toEqual({ embedding_model: HASHING_EMBEDDING_MODEL });
    } finally {
      fake.setDimensions(1536);
    }
  });
});

describe("documents with the configured model", () => {
  let project: string;
  let thread: string;

  beforeAll(async () => {
    project = (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Home", mode: "builder" }).select("id").single().throwOnError()).data!.id;
    thread = (await alice.client.from("chat_threads").insert({ title: "Home" }).select("id").single().throwOnError()).data!.id;
    await stack.service().from("chat_threads").update({ project_id: project }).eq("id", thread).throwOnError();
  });

  const register = async (filename: string, text: string) => {
    const path = `${alice.userId}/${project}/${filename}`;
    expect((await alice.client.storage.from("documents").upload(path, new Blob([text], { type: "text/markdown" }), { contentType: "text/markdown" })).error).toBeNull();
    return callFunction(stack, alice, "POST", "/chat/documents", { project_id: project, storage_path: path, filename });
  };

  it("embeds passages with the model and records it with them", async () => {
    expect((await register("kitchen.md", "# Our kitchen\n\nThe family cookbook: every dish we make, its ingredients and the grocery list.")).status).toBe(201);
    expect((await register("gym.md", "# Training\n\nGym workouts on Mondays, runs on Thursdays, a daily stretching routine.")).status).toBe(201);
    expect(new Set(await modelsOf("document_chunks"))).toEqual(new Set([MODEL]));
  });

  it("answers a question from the nearest passage of the same model", async () => {
    const response = await callFunction(stack, alice, "POST", `/chat/threads/${thread}/messages`, { content: "What meals can I cook tonight?", mode: "ask" });
    expect(response.status).toBe(202);
    const { reply_id } = await response.json();
    const reply = await pollFor(async () => (await alice.client.from("chat_messages").select("metadata, status").eq("id", reply_id).maybeSingle()).data ?? undefined, "the reply");
    expect(reply.metadata.sources[0]).toMatchObject({ filename: "kitchen.md" });
  });

  it("refuses a document when the model's vectors are not 1536-dimensional, and keeps no upload", async () => {
    fake.setDimensions(3072);
    try {
      const response = await register("notes.md", "Some notes about the garden.");
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/returns 3072-dimensional vectors; CodeForge stores 1536/);
      expect((await alice.client.storage.from("documents").exists(`${alice.userId}/${project}/notes.md`)).data).toBe(false);
    } finally {
      fake.setDimensions(1536);
    }
  });
});
