import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { startTestStack, type TestStack } from "./stack.ts";

/** A new user forging what only the system writes, through supabase-js as the browser would send it. */
let stack: TestStack;
let service: SupabaseClient;
let mallory: { client: SupabaseClient; userId: string };
let project: string;
let thread: string;

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.service();
  mallory = await stack.signUp();
  project = (await mallory.client.from("projects").insert({ user_id: mallory.userId, title: "Counters", mode: "builder" }).select("id").single().throwOnError()).data!.id;
  thread = (await mallory.client.from("chat_threads").insert({ title: "Walks" }).select("id").single().throwOnError()).data!.id;
  await mallory.client.rpc("post_chat_message", { p_thread_id: thread, p_content: "Plan the walks", p_metadata: {}, p_attachments: [] }).throwOnError();
});
afterAll(() => stack?.close());

const stored = async (table: string, id: string) => (await service.from(table).select("*").eq("id", id).single().throwOnError()).data!;

describe("PATCH of a column only the system writes", () => {
  it.each([
    ["projects", "product_count", 999],
    ["projects", "order_count", 999],
    ["projects", "created_at", "2000-01-01T00:00:00.000Z"],
    ["projects", "requirements_spec", { forged: true }],
    ["projects", "architecture_spec", { forged: true }],
    ["projects", "deleted_at", "2000-01-01T00:00:00.000Z"],
    ["chat_threads", "last_message_preview", "forged"],
    ["chat_threads", "last_message_at", "2099-01-01T00:00:00.000Z"],
  ])("refuses %s.%s with PostgREST's 403 / 42501 and keeps the stored value", async (table, column, value) => {
    const id = table === "projects" ? project : thread;
    const before = await stored(table, id);
    const result = await mallory.client.from(table).update({ [column]: value }).eq("id", id).select("id");
    expect(result.status).toBe(403);
    expect(result.error).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
    expect(await stored(table, id)).toEqual(before);
  });

  it("refuses a forged counter hidden among allowed columns, changing none of them", async () => {
    const result = await mallory.client.from("projects").update({ title: "Renamed", product_count: 999 }).eq("id", project);
    expect(result.status).toBe(403);
    expect(await stored("projects", project)).toMatchObject({ title: "Counters", product_count: 0 });
  });

  it("refuses a counter or a spec set when the row is created", async () => {
    const counted = await mallory.client.from("projects").insert({ user_id: mallory.userId, title: "Forged", mode: "builder", product_count: 999 });
    expect(counted.status).toBe(403);
    const preview = await mallory.client.from("chat_threads").insert({ title: "Forged", last_message_preview: "forged" });
    expect(preview.status).toBe(403);
    const { data } = await service.from("projects").select("id").eq("user_id", mallory.userId).eq("title", "Forged");
    expect(data).toEqual([]);
  });

  it("refuses moving a project's status anywhere but the archive", async () => {
    const result = await mallory.client.from("projects").update({ status: "completed" }).eq("id", project);
    expect(result.status).toBe(403);
    expect(result.error).toMatchObject({ code: "42501", message: expect.stringContaining("archive") });
    expect((await stored("projects", project)).status).toBe("planning");
  });
});

describe("what the owner may still write", () => {
  it("renames, describes, configures and features, archives and restores a project", async () => {
    const changes = { title: "Walk planner", description: "Walks and invoices", settings: { budget: { max_tokens: 1000 } }, tech_stack: ["react"], featured_product_ids: [] };
    await mallory.client.from("projects").update(changes).eq("id", project).throwOnError();
    await mallory.client.from("projects").update({ status: "archived" }).eq("id", project).throwOnError();
    expect((await stored("projects", project)).status).toBe("archived");
    await mallory.client.from("projects").update({ status: "planning" }).eq("id", project).throwOnError();
    expect(await stored("projects", project)).toMatchObject({ ...changes, status: "planning", product_count: 0 });
  });

  it("renames a thread, and the thread's summary still follows its messages", async () => {
    await mallory.client.from("chat_threads").update({ title: "Renamed" }).eq("id", thread).throwOnError();
    await mallory.client.from("chat_messages").insert({ thread_id: thread, role: "user", content: "Add invoices too" }).throwOnError();
    expect(await stored("chat_threads", thread)).toMatchObject({ title: "Renamed", last_message_preview: "Add invoices too" });
  });

  it("answers 401 to anon, whose grants are gone too", async () => {
    const anon = stack.anon();
    const result = await anon.from("projects").update({ title: "x" }).eq("id", project);
    expect(result.status).toBe(401);
    expect(result.error).toMatchObject({ code: "42501" });
  });
});
