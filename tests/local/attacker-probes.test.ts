/**
 * What a hostile signed-up user sends, probe by probe (issue 19): each answer is a
 * 4xx naming the problem, never a 5xx, and nothing is stored that should not be.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction } from "./api.ts";
import { pollFor } from "./poll.ts";
import { startStackWithProject, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, attacker: SignedUpUser, project: string;
beforeAll(async () => ({ stack, service, alice: attacker, project } = await startStackWithProject({ title: "Probe" })));
afterAll(() => stack?.close());

describe("Storage: a folder placeholder name is no way past the bucket's types", () => {
  it("refuses HTML uploaded as <name>.emptyFolderPlaceholder with 415", async () => {
    const path = `${attacker.userId}/x/evil.emptyFolderPlaceholder`;
    const { error } = await attacker.client.storage.from("attachments").upload(path, new Blob(["<script>alert(1)</script>"], { type: "text/html" }), { contentType: "text/html" });
    expect(error).toMatchObject({ statusCode: "415" });
    const listed = await service.storage.from("attachments").list(`${attacker.userId}/x`);
    expect(listed.data?.map((object) => object.name) ?? []).not.toContain("evil.emptyFolderPlaceholder");
  });

  it("still takes an empty folder placeholder, which carries no bytes to run", async () => {
    const path = `${attacker.userId}/folder/.emptyFolderPlaceholder`;
    const { error } = await attacker.client.storage.from("attachments").upload(path, new Blob([]), { contentType: "application/octet-stream" });
    expect(error).toBeNull();
  });
});

describe("functions: malformed percent-encoding in the path", () => {
  it.each([
    ["GET", "/preview/%E0%A4%A", false],
    ["GET", "/preview/%00", false],
    ["GET", "/jobs/%E0%A4%A", true],
    ["GET", "/jobs/%ZZ/stream", true],
    ["POST", "/jobs/%E0%A4%A/cancel", true],
    ["GET", "/history/%E0%A4%A/diff", true],
    ["POST", "/chat/threads/%E0%A4%A/messages", true],
    ["GET", "/chat/artifacts/%C0", true],
    ["GET", "/projects/%E0%A4%A/export/zip", true],
    ["POST", "/refactor/%E0%A4%A/apply", true],
  ])("%s %s answers 400 invalid_path", async (method, path, signedIn) => {
    const response = await callFunction(stack, signedIn ? attacker : { apikey: stack.keys.anonKey }, method, path, method === "POST" ? {} : undefined);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_path" });
  });
});

describe("functions: text Postgres cannot store (NUL, lone surrogates) in a JSON body", () => {
  // Sent as raw JSON text, so the escapes reach the server exactly as an attacker writes them.
  const raw = (text: string) => `{"project_id":"${"PROJECT"}","input_context":{"user_idea":"A CRM ${text} for dog walkers"}}`;
  it.each([
    ["a NUL", "\\u0000", "/run-pipeline"],
    ["a lone high surrogate", "\\ud800", "/run-pipeline"],
    ["a lone low surrogate", "\\udc00", "/run-agent"],
  ])("%s in the idea answers 400 naming input_context.user_idea (%s, %s)", async (_what, escape, path) => {
    let body = raw(escape).replace("PROJECT", project);
    if (path === "/run-agent") body = body.replace("{", '{"agent_type":"research",');
    const before = (await service.from("agent_jobs").select("*", { count: "exact", head: true })).count;
    const response = await callFunction(stack, attacker, "POST", path, body);
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer).toMatchObject({ code: "invalid_text", details: [{ path: ["input_context", "user_idea"] }] });
    expect(answer.error).toContain("input_context.user_idea");
    expect((await service.from("agent_jobs").select("*", { count: "exact", head: true })).count).toBe(before);
  });

  it("a NUL in a key is refused too", async () => {
    const response = await callFunction(stack, attacker, "POST", "/run-pipeline", `{"project_id":"${project}","input_context":{"user_idea":"ok idea here"},"x\\u0000":1}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_text" });
  });

  it("a NUL in a chat message answers 400, not 500", async () => {
    const thread = (await attacker.client.from("chat_threads").insert({ user_id: attacker.userId, project_id: project, title: "t" }).select().single().throwOnError()).data!.id;
    const response = await callFunction(stack, attacker, "POST", `/chat/threads/${thread}/messages`, `{"content":"hi\\u0000there"}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_text", details: [{ path: ["content"] }] });
  });
});

describe("zip-slip: a project file's path is a normalised relative path", () => {
  it.each(["../../etc/passwd", "/etc/passwd", "src/../../x", "a\\b.ts", "src//a.ts", "./a.ts", "C:/windows/x", "a/"])("refuses %j through REST with 23514", async (path) => {
    const { error } = await attacker.client.from("project_files").insert({ project_id: project, path, content: "x" });
    expect(error).toMatchObject({ code: "23514" });
  });

  it("still takes ordinary paths, dotfiles and names that merely start with dots", async () => {
    for (const path of ["src/App.tsx", ".gitignore", "..hidden/readme.md", "a/..b/c.ts"]) {
      const { error } = await attacker.client.from("project_files").insert({ project_id: project, path, content: "x" });
      expect(error).toBeNull();
    }
  });

  it("refuses to export a project holding an unsafe path written before the rule (409, no archive)", async () => {
    // Rows older than the CHECK (added NOT VALID) are not re-checked; insert one as such a row would be.
    await stack.db.pg.exec("alter table public.project_files drop constraint project_files_path_is_safe");
    try {
      await service.from("project_files").insert({ project_id: project, path: "../../etc/passwd", content: "x" }).throwOnError();
    } finally {
      await stack.db.pg.exec(`alter table public.project_files add constraint project_files_path_is_safe check (
        char_length(path) between 1 and 500 and path !~ '[\\x01-\\x1f\\x7f\\\\]' and path !~ '^/' and path !~ '^[A-Za-z]:' and path !~ '(^|/)\\.{0,2}(/|$)') not valid`);
    }
    const response = await callFunction(stack, attacker, "GET", `/projects/${project}/export/zip`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: "unsafe_path", details: { paths: ["../../etc/passwd"] } });
    await service.from("project_files").delete().eq("project_id", project).eq("path", "../../etc/passwd").throwOnError();
  });
});

describe("a wrongly shaped stored spec", () => {
  it("run-agent refuses it up front with a 400 naming the field", async () => {
    await service.from("projects").update({ requirements_spec: { forged: true } }).eq("id", project).throwOnError();
    const response = await callFunction(stack, attacker, "POST", "/run-agent", { project_id: project, agent_type: "wireframe", input_context: { user_idea: "A CRM for dog walkers" } });
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer.code).toBe("invalid_project_spec");
    expect(answer.error).toMatch(/requirements_spec.*app_name/);
  });

  it("a job that reaches a stage with it fails at once with the zod path, not after lease timeouts", async () => {
    const { data: job } = await service.from("agent_jobs")
      .insert({ project_id: project, user_id: attacker.userId, agent_type: "wireframe", params: { requirements_spec: { forged: true }, input_context: {} } })
      .select("id").single().throwOnError();
    const kick = await fetch(`${stack.apiUrl}/functions/v1/worker`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.keys.serviceRoleKey}`, apikey: stack.keys.serviceRoleKey, "content-type": "application/json" },
      body: JSON.stringify({ job_id: job!.id }),
    });
    expect(kick.status).toBe(202);
    const failed = await pollFor(async () => {
      const { data } = await service.from("agent_jobs").select("status, error").eq("id", job!.id).single();
      return data!.status === "failed" ? data! : undefined;
    }, "the job to fail", 10_000);
    expect(failed.error).toMatch(/requirements_spec.*app_name/);
  });
});

describe("auth: an unsigned token", () => {
  it("answers 401 on /rest/v1 as PostgREST does, not anon's empty 200", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ sub: attacker.userId, role: "authenticated", exp: Math.floor(Date.now() / 1000) + 3600 })).toString("base64url");
    const response = await fetch(`${stack.apiUrl}/rest/v1/projects?select=id`, { headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${header}.${payload}.` } });
    expect(response.status).toBe(401);
  });
});
