/** The gateway's shortcuts for /rest/v1 (simple reads in one round trip, JWTs verified once) answer as @supabase/lite would, RLS included. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { loadSimpleSchema } from "../../local/rest/simple-schema.ts";
import { startTestStack, type TestStack } from "./stack.ts";

let stack: TestStack;
let owner: Awaited<ReturnType<TestStack["signUp"]>>;
let projectId: string;
let jobId: string;

beforeAll(async () => {
  stack = await startTestStack();
  owner = await stack.signUp();
  const project = await owner.client
    .from("projects")
    .insert({ user_id: owner.userId, title: "It's \"quoted\" \\ and ünïcode", mode: "student", tech_stack: ["react", "vite"] })
    .select("id")
    .single();
  projectId = project.data!.id;
  const job = await stack
    .service()
    .from("agent_jobs")
    .insert({ project_id: projectId, user_id: owner.userId, agent_type: "qa", progress: 42.5, result: { ok: true, n: [1, 2] } })
    .select("id")
    .single();
  jobId = job.data!.id;
  await stack
    .service()
    .from("daily_sessions")
    .insert({ project_id: projectId, transcript: [{ role: "user", content: "hi" }], concepts_covered: ["a", "b c"] });
  await stack.service().from("job_events").insert({ job_id: jobId, kind: "log", level: "info", message: "started" });
  await owner.client.from("project_files").insert([
    { project_id: projectId, path: "a.ts", content: "export const a = 1;\n" },
    { project_id: projectId, path: "b.ts", content: "it's \"b\"" },
  ]);
});
afterAll(() => stack?.close());

function rest(path: string, token: string | null, headers: Record<string, string> = {}) {
  return fetch(`${stack.apiUrl}/rest/v1/${path}`, {
    headers: { apikey: stack.keys.anonKey, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

async function answer(response: Response) {
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    range: response.headers.get("content-range"),
    body: await response.json(),
  };
}

describe("simple reads", () => {
  it("takes the lean path for the tables compared below (their column types render alike)", async () => {
    const { relations, links } = await stack.db.exclusive(() => loadSimpleSchema(stack.db.pg));
    for (const table of ["projects", "project_files", "agent_jobs", "job_events", "daily_sessions", "profiles"]) {
      expect(relations.has(table)).toBe(true);
    }
    expect(links.get("projects/project_files")).toEqual([{ fromColumn: "id", toColumn: "project_id", kind: "many" }]);
    expect(links.get("project_files/projects")).toEqual([{ fromColumn: "project_id", toColumn: "id", kind: "one" }]);
    // A vector renders differently, so this table stays with lite.
    expect(relations.has("pattern_embeddings")).toBe(false);
  });

  it.each([
    ["projects", () => `select=*&id=eq.${projectId}`],
    ["projects", () => `select=id,title,tech_stack&title=neq.nothing&id=eq.${projectId}`],
    ["agent_jobs", () => `select=*&id=eq.${jobId}`],
    ["daily_sessions", () => `select=*&project_id=eq.${projectId}`],
    ["job_events", () => `select=*&job_id=eq.${jobId}&kind=eq.log`],
    ["profiles", () => `select=*&id=eq.${owner.userId}`],
    ["projects", () => `select=*,project_files(*)&id=eq.${projectId}`],
    ["projects", () => `select=title,project_files(path,language),agent_jobs(id,progress,result)&id=eq.${projectId}`],
    ["projects", () => `select=title,daily_sessions(*)&id=eq.${projectId}`],
    ["project_files", () => `select=path,projects(title,tech_stack)&project_id=eq.${projectId}&path=eq.b.ts`],
  ])("answers %s?%s exactly as lite does", async (table, query) => {
    // `order` keeps the request off the lean path, so lite answers it.
    const lean = await answer(await rest(`${table}?${query()}`, owner.accessToken));
    const lite = await answer(await rest(`${table}?${query()}&order=id.asc`, owner.accessToken));
    expect(lean.body).toHaveLength(1);
    expect(lean).toEqual(lite);
  });

  it("answers .single() with the object, and lite's PGRST116 when no row matches", async () => {
    const found = await owner.client.from("projects").select("id,title").eq("id", projectId).single();
    expect(found.data).toEqual({ id: projectId, title: "It's \"quoted\" \\ and ünïcode" });
    const missing = await owner.client.from("projects").select("id").eq("title", "no such project").single();
    expect(missing.error?.code).toBe("PGRST116");
  });

  it("matches a filter value holding quotes and backslashes literally", async () => {
    const { data } = await owner.client.from("projects").select("id").eq("title", "It's \"quoted\" \\ and ünïcode");
    expect(data).toEqual([{ id: projectId }]);
  });

  it("keeps RLS: another user and anon see no row", async () => {
    const other = await stack.signUp();
    expect((await other.client.from("projects").select("*").eq("id", projectId)).data).toEqual([]);
    expect((await stack.anon().from("projects").select("*").eq("id", projectId)).data).toEqual([]);
  });

  it("leaves a refused value to lite's error (22P02), and the next read still works", async () => {
    const bad = await owner.client.from("projects").select("id").eq("id", "not-a-uuid");
    expect(bad.error?.code).toBe("22P02");
    const good = await owner.client.from("projects").select("id").eq("id", projectId);
    expect(good.data).toEqual([{ id: projectId }]);
  });
});

describe("tokens", () => {
  it("after sign-out, GoTrue refuses the access token while /rest/v1 accepts it until it expires, as on Supabase", async () => {
    const reader = await stack.signUp();
    expect((await rest(`projects?select=id`, reader.accessToken)).status).toBe(200);
    expect((await reader.client.auth.signOut()).error).toBeNull();
    const user = await fetch(`${stack.apiUrl}/auth/v1/user`, {
      headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${reader.accessToken}` },
    });
    expect(user.status).toBe(403);
    expect((await rest(`projects?select=id`, reader.accessToken)).status).toBe(200);
    expect((await rest(`projects?select=id&order=id`, reader.accessToken)).status).toBe(200);
  });

  it("leaves a token issued in the future to lite, which refuses it (PGRST303)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: owner.userId, role: "authenticated", aud: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(now + 600)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(stack.keys.jwtSecret));
    const response = await rest(`projects?select=id&id=eq.${projectId}`, token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "PGRST303" });
  });

  it("refuses a token that was valid once it has expired, on the lean path too", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: owner.userId, role: "authenticated", aud: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(now - 10)
      .setExpirationTime(now + 2)
      .sign(new TextEncoder().encode(stack.keys.jwtSecret));
    expect((await rest(`projects?select=id&id=eq.${projectId}`, token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await rest(`projects?select=id&id=eq.${projectId}`, token)).status).toBe(401);
  });
});
