import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
let alice: { client: SupabaseClient; userId: string };
let bob: { client: SupabaseClient; userId: string };
let projectId: string;

beforeAll(async () => {
  stack = await startTestStack();
  alice = await stack.signUp();
  bob = await stack.signUp();
  const { data } = await alice.client
    .from("projects")
    .insert([
      { user_id: alice.userId, title: "Dog walker CRM", mode: "builder", tech_stack: ["react", "supabase"], description: "walks and clients" },
      { user_id: alice.userId, title: "Cat sitter app", mode: "student", tech_stack: ["vue"] },
      { user_id: alice.userId, title: "Bird watch log", mode: "builder", tech_stack: ["react"] },
    ])
    .select()
    .throwOnError();
  // A project's status follows its jobs: only the backend sets these.
  const service = stack.service();
  for (const [title, status] of [["Cat sitter app", "building"], ["Bird watch log", "completed"]]) {
    await service.from("projects").update({ status }).eq("user_id", alice.userId).eq("title", title).throwOnError();
  }
  projectId = data!.find((p) => p.title === "Dog walker CRM")!.id;
  await alice.client
    .from("project_files")
    .insert([
      { project_id: projectId, path: "src/App.tsx", content: "app", language: "typescript" },
      { project_id: projectId, path: "src/main.tsx", content: "main", language: "typescript" },
      { project_id: projectId, path: "index.css", content: "css", language: "css" },
    ])
    .throwOnError();
  await bob.client.from("projects").insert({ user_id: bob.userId, title: "Bob's secret", mode: "builder" }).throwOnError();
});
afterAll(() => stack?.close());

const titles = (rows: { title: string }[] | null) => (rows ?? []).map((row) => row.title).sort();

describe("select", () => {
  it("returns a column list with aliases and casts", async () => {
    const { data, error } = await alice.client.from("projects").select("name:title, progress:status::text").eq("id", projectId).single();
    expect(error).toBeNull();
    expect(data).toEqual({ name: "Dog walker CRM", progress: "planning" });
  });

  it("embeds child rows and filters with !inner", async () => {
    const { data } = await alice.client.from("projects").select("title, project_files(path)").eq("id", projectId).single();
    expect(data!.project_files.map((f: { path: string }) => f.path).sort()).toEqual(["index.css", "src/App.tsx", "src/main.tsx"]);
    const inner = await alice.client
      .from("projects")
      .select("title, project_files!inner(path)")
      .eq("project_files.language", "css");
    expect(inner.data).toEqual([{ title: "Dog walker CRM", project_files: [{ path: "index.css" }] }]);
  });

  it("embeds the parent from a child", async () => {
    const { data } = await alice.client.from("project_files").select("path, projects(title)").eq("path", "index.css").single();
    expect(data).toEqual({ path: "index.css", projects: { title: "Dog walker CRM" } });
  });

  it.each([
    ["eq", (q: any) => q.eq("mode", "student"), ["Cat sitter app"]],
    ["neq", (q: any) => q.neq("mode", "student"), ["Bird watch log", "Dog walker CRM"]],
    ["in", (q: any) => q.in("status", ["building", "completed"]), ["Bird watch log", "Cat sitter app"]],
    ["like", (q: any) => q.like("title", "%walker%"), ["Dog walker CRM"]],
    ["ilike", (q: any) => q.ilike("title", "%CAT%"), ["Cat sitter app"]],
    ["is null", (q: any) => q.is("description", null), ["Bird watch log", "Cat sitter app"]],
    ["contains", (q: any) => q.contains("tech_stack", ["react"]), ["Bird watch log", "Dog walker CRM"]],
    ["containedBy", (q: any) => q.containedBy("tech_stack", ["react", "vue"]), ["Bird watch log", "Cat sitter app"]],
    ["overlaps", (q: any) => q.overlaps("tech_stack", ["vue", "supabase"]), ["Cat sitter app", "Dog walker CRM"]],
    ["or", (q: any) => q.or("mode.eq.student,status.eq.completed"), ["Bird watch log", "Cat sitter app"]],
    ["not", (q: any) => q.not("status", "eq", "planning"), ["Bird watch log", "Cat sitter app"]],
    ["match", (q: any) => q.match({ mode: "builder", status: "completed" }), ["Bird watch log"]],
    ["filter", (q: any) => q.filter("title", "ilike", "bird%"), ["Bird watch log"]],
    ["textSearch", (q: any) => q.textSearch("description", "clients"), ["Dog walker CRM"]],
    ["gt/lte", (q: any) => q.gt("title", "Bird watch log").lte("title", "Cat sitter app"), ["Cat sitter app"]],
  ])("filters with %s", async (_name, apply, expected) => {
    const { data, error } = await apply(alice.client.from("projects").select("title"));
    expect(error).toBeNull();
    expect(titles(data)).toEqual(expected);
  });

  it("orders, limits and ranges", async () => {
    const ordered = await alice.client.from("projects").select("title").order("title", { ascending: false }).limit(2);
    expect(ordered.data!.map((r) => r.title)).toEqual(["Dog walker CRM", "Cat sitter app"]);
    const ranged = await alice.client.from("projects").select("title").order("title").range(1, 2);
    expect(ranged.data!.map((r) => r.title)).toEqual(["Cat sitter app", "Dog walker CRM"]);
  });

  it.each(["exact", "planned", "estimated"] as const)("counts with count=%s", async (count) => {
    const { count: total, data } = await alice.client.from("projects").select("title", { count }).limit(1);
    expect(data).toHaveLength(1);
    expect(total).toBeGreaterThanOrEqual(count === "exact" ? 3 : 1);
    if (count === "exact") expect(total).toBe(3);
  });

  it("sends Content-Range for a counted range", async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/projects?select=title&order=title`, {
      headers: {
        apikey: stack.keys.anonKey,
        authorization: `Bearer ${(await alice.client.auth.getSession()).data.session!.access_token}`,
        prefer: "count=exact",
        range: "0-1",
      },
    });
    expect(response.headers.get("content-range")).toBe("0-1/3");
  });

  it("counts without rows using head", async () => {
    const { count, data } = await alice.client.from("project_files").select("*", { count: "exact", head: true });
    expect(count).toBe(3);
    expect(data).toBeNull();
  });

  it("answers single() on no row with PGRST116 and maybeSingle() with null", async () => {
    const single = await alice.client.from("projects").select("title").eq("title", "nope").single();
    expect(single.error?.code).toBe("PGRST116");
    expect(single.status).toBe(406);
    const many = await alice.client.from("projects").select("title").single();
    expect(many.error?.code).toBe("PGRST116");
    const maybe = await alice.client.from("projects").select("title").eq("title", "nope").maybeSingle();
    expect(maybe).toMatchObject({ data: null, error: null });
  });
});

describe("writes", () => {
  it("inserts with return=minimal and returns nothing", async () => {
    const { data, error, status } = await alice.client.from("daily_sessions").insert({ project_id: projectId, transcript: [] });
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toBeNull();
  });

  it("updates and deletes with representation", async () => {
    const updated = await alice.client.from("project_files").update({ content: "new", version: 2 }).eq("path", "index.css").select("content, version").single();
    expect(updated.data).toEqual({ content: "new", version: 2 });
    const deleted = await alice.client.from("project_files").delete().eq("path", "index.css").select("path");
    expect(deleted.data).toEqual([{ path: "index.css" }]);
  });

  it("upserts on a conflict target, merging or ignoring duplicates", async () => {
    const row = { project_id: projectId, path: "src/App.tsx", content: "merged" };
    const merged = await alice.client.from("project_files").upsert(row, { onConflict: "project_id,path" }).select("content");
    expect(merged.data).toEqual([{ content: "merged" }]);
    const ignored = await alice.client
      .from("project_files")
      .upsert({ ...row, content: "ignored" }, { onConflict: "project_id,path", ignoreDuplicates: true })
      .select("content");
    expect(ignored.data).toEqual([]);
    const { data } = await alice.client.from("project_files").select("content").eq("path", "src/App.tsx").single();
    expect(data!.content).toBe("merged");
  });
});

describe("rpc", () => {
  const vector = (axis: number) => Array.from({ length: 1536 }, (_, i) => (i === axis ? 1 : 0));

  beforeAll(async () => {
    await stack.service().from("pattern_embeddings").insert([
      { project_type: "crm", embedding: vector(0), embedding_model: "axes", metadata: { name: "crm" } },
      { project_type: "saas", embedding: vector(1), embedding_model: "axes", metadata: { name: "saas" } },
    ]).throwOnError();
  });

  it("takes a vector as a JSON number array (POST)", async () => {
    const { data, error } = await alice.client.rpc("match_patterns", { query_embedding: vector(1), query_model: "axes", match_count: 2 });
    expect(error).toBeNull();
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({ project_type: "saas", metadata: { name: "saas" } });
    expect(data[0].similarity).toBeCloseTo(1);
  });

  it("is callable with GET", async () => {
    const { data, error } = await alice.client.rpc("match_patterns", { query_embedding: JSON.stringify(vector(0)), query_model: "axes", match_count: 1, filter_type: "crm" }, { get: true });
    expect(error).toBeNull();
    expect(data).toEqual([expect.objectContaining({ project_type: "crm", metadata: { name: "crm" } })]);
  });

  it("returns nothing to anon (RLS on pattern_embeddings)", async () => {
    const { data } = await stack.anon().rpc("match_patterns", { query_embedding: vector(0), query_model: "axes", match_count: 5 });
    expect(data).toEqual([]);
  });
});

describe("errors as PostgREST answers them", () => {
  it.each([
    ["an unknown column", (c: SupabaseClient) => c.from("projects").select("nope"), 400, "42703"],
    ["an unknown table", (c: SupabaseClient) => c.from("nope").select("*"), 404, "PGRST205"],
    ["a bad uuid", (c: SupabaseClient) => c.from("projects").select("*").eq("id", "not-a-uuid"), 400, "22P02"],
    ["a CHECK violation", (c: SupabaseClient) => c.from("projects").update({ mode: "done" }).eq("id", projectId), 400, "23514"],
    ["a NOT NULL violation", (c: SupabaseClient) => c.from("projects").insert({ user_id: alice.userId, mode: "builder" }), 400, "23502"],
    ["a unique violation", (c: SupabaseClient) => c.from("project_files").insert({ project_id: projectId, path: "src/main.tsx" }), 409, "23505"],
    ["a foreign key violation", (c: SupabaseClient) => c.from("project_files").insert({ project_id: "00000000-0000-4000-8000-000000000000", path: "x" }), 403, "42501"],
    ["an RLS denial", (c: SupabaseClient) => c.from("agent_jobs").insert({ project_id: projectId, user_id: alice.userId, agent_type: "qa" }), 403, "42501"],
  ])("answers %s with its status and code", async (_name, request, status, code) => {
    const result = await request(alice.client);
    expect(result.status).toBe(status);
    expect(result.error).toMatchObject({ code });
    expect(result.error!.message).toBeTruthy();
  });

  it("does not print a stack trace for an error the client caused", async () => {
    const spy = vi.spyOn(console, "error");
    try {
      const result = await alice.client.from("projects").update({ mode: "done" }).eq("id", projectId);
      expect(result.status).toBe(400);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it("answers anon's RLS denial with 401", async () => {
    const result = await stack.anon().from("projects").insert({ user_id: alice.userId, title: "x", mode: "builder" });
    expect(result.status).toBe(401);
    expect(result.error?.code).toBe("42501");
  });
});

describe("tenancy", () => {
  it("shows each user only their own rows, through embedding too", async () => {
    const { data } = await bob.client.from("projects").select("title, project_files(path)");
    expect(data).toEqual([{ title: "Bob's secret", project_files: [] }]);
    const files = await bob.client.from("project_files").select("path");
    expect(files.data).toEqual([]);
  });

  it("shows anon nothing private", async () => {
    for (const table of ["projects", "project_files", "agent_jobs", "profiles", "pattern_embeddings"]) {
      const { data } = await stack.anon().from(table).select("*");
      expect(data, table).toEqual([]);
    }
  });

  it("lets the service role see everyone's rows", async () => {
    const { data } = await stack.service().from("projects").select("title");
    expect(titles(data)).toEqual(["Bird watch log", "Bob's secret", "Cat sitter app", "Dog walker CRM"]);
  });
});

describe("API keys", () => {
  it("refuses a request with no apikey", async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/projects`);
    expect(response.status).toBe(401);
  });

  it("refuses an unknown apikey", async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/projects`, { headers: { apikey: "sb_publishable_wrong" } });
    expect(response.status).toBe(401);
  });

  it("accepts the publishable key as anon and the secret key as service role", async () => {
    const anon = await fetch(`${stack.apiUrl}/rest/v1/projects?select=title`, { headers: { apikey: stack.keys.publishableKey } });
    expect(await anon.json()).toEqual([]);
    const service = await fetch(`${stack.apiUrl}/rest/v1/projects?select=title`, { headers: { apikey: stack.keys.secretKey } });
    expect(await service.json()).toHaveLength(4);
  });
});
