import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { BundlingJobStore } from "../../shared/artifacts/bundle-store.ts";
import { callFunction, type Caller } from "./api.ts";
import { startStackWithUsers, type TestStack } from "./stack.ts";

type User = Caller & { userId: string; client: SupabaseClient };

let stack: TestStack, alice: User, bob: User;
beforeAll(async () => ({ stack, alice, bob } = await startStackWithUsers()));
afterAll(() => stack?.close());

const service = () => stack.service();
const exists = async (bucket: string, path: string) => (await service().storage.from(bucket).exists(path)).data;
const sweep = async () => {
  const response = await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/worker/sweep");
  expect(response.status).toBe(200);
  return (await response.json()) as { storage_removed: number };
};

/** A project with a thread, an attached file on a message, a registered document and a stage bundle in Storage, all `user`'s. */
async function filesOf(user: User) {
  const project = (await user.client.from("projects").insert({ user_id: user.userId, title: "Kennel", mode: "builder" }).select("id").single().throwOnError()).data!.id;
  const thread = (await user.client.from("chat_threads").insert({ title: "Kennel", project_id: project }).select("id").single().throwOnError()).data!.id;

  const attachment = `${user.userId}/${thread}/notes.txt`;
  expect((await user.client.storage.from("attachments").upload(attachment, new Blob(["notes"], { type: "text/plain" }), { contentType: "text/plain" })).error).toBeNull();
  const sent = await callFunction(stack, user, "POST", `/chat/threads/${thread}/messages`, {
    content: "What do my notes say?", mode: "ask", attachments: [{ storage_path: attachment, original_name: "notes.txt", mime_type: "text/plain", size_bytes: 5 }],
  });
  expect(sent.status).toBe(202);

  const document = `${user.userId}/${project}/${crypto.randomUUID()}-rules.md`;
  expect((await user.client.storage.from("documents").upload(document, new Blob(["# Rules\n\nDogs on a lead."], { type: "text/markdown" }), { contentType: "text/markdown" })).error).toBeNull();
  expect((await callFunction(stack, user, "POST", "/chat/documents", { project_id: project, storage_path: document, filename: "rules.md" })).status).toBe(201);

  const store = new BundlingJobStore(service(), 16);
  const job = (await service().from("agent_jobs").insert({ project_id: project, user_id: user.userId, agent_type: "pipeline" }).select("id").single().throwOnError()).data!.id;
  expect(await store.claim(job, "w", 60)).not.toBeNull();
  expect(await store.completeStage(job, "w", "research", { agent: "research", output: "a requirements document well over sixteen bytes" }, 20)).toBe(true);
  const bundle = (await service().from("job_artifacts").select("bundle_path").eq("job_id", job).single().throwOnError()).data!.bundle_path as string;

  const all = { attachment, document, bundle };
  for (const [bucket, path] of [["attachments", attachment], ["documents", document], ["artifacts", bundle]] as const) expect(await exists(bucket, path)).toBe(true);
  return { project, thread, ...all };
}

describe("Storage objects of deleted threads and projects", () => {
  it("are removed by the sweep, and only the deleter's", async () => {
    const mine = await filesOf(alice);
    const theirs = await filesOf(bob);

    await alice.client.from("chat_threads").delete().eq("id", mine.thread).throwOnError();
    // Bob's rows are out of Alice's reach: her delete of them matches nothing.
    await alice.client.from("chat_threads").delete().eq("id", theirs.thread).throwOnError();
    expect((await sweep()).storage_removed).toBeGreaterThanOrEqual(1);
    expect(await exists("attachments", mine.attachment)).toBe(false);
    // The thread's project stays, with its document and bundle.
    expect(await exists("documents", mine.document)).toBe(true);
    expect(await exists("artifacts", mine.bundle)).toBe(true);

    await alice.client.from("projects").delete().eq("id", mine.project).throwOnError();
    expect((await sweep()).storage_removed).toBeGreaterThanOrEqual(2);
    expect(await exists("documents", mine.document)).toBe(false);
    expect(await exists("artifacts", mine.bundle)).toBe(false);

    for (const [bucket, path] of [["attachments", theirs.attachment], ["documents", theirs.document], ["artifacts", theirs.bundle]] as const) {
      expect(await exists(bucket, path), `${bucket}/${path}`).toBe(true);
    }
    expect((await bob.client.storage.from("attachments").download(theirs.attachment)).error).toBeNull();
    expect((await service().from("storage_garbage").select("id")).data).toEqual([]);
  });

  it("keeps the queue to the service role", async () => {
    expect((await alice.client.from("storage_garbage").select("id")).data).toEqual([]);
    const { error } = await alice.client.from("storage_garbage").insert({ bucket: "attachments", path: `${bob.userId}/x/notes.txt` });
    expect(error).not.toBeNull();
  });
});
