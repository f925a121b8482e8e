import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { offlineApp } from "../../shared/offline/app.ts";
import { callFunction, type Caller } from "./api.ts";
import { pollFor } from "./poll.ts";
import { startStackWithProject, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser, bob: SignedUpUser, project: string;
const service_ = () => ({ apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey });

beforeAll(async () => {
  ({ stack, service, alice, bob, project } = await startStackWithProject({ title: "Dog CRM", files: (await offlineApp("A CRM for dog walkers")).files }));
});
afterAll(() => stack?.close());

/** GET /preview/:token without any key or session, as an iframe loads it. */
const open = (token: string) => fetch(`${stack.apiUrl}/functions/v1/preview/${encodeURIComponent(token)}`);

async function startPreview(caller: Caller = alice, body: object = { project_id: project }) {
  const response = await callFunction(stack, caller, "POST", "/preview", body);
  expect(response.status).toBe(202);
  return (await response.json()) as { session_id: string; preview_token: string; status: string; expires_at: string };
}

/** Waits until `session` (by default a new one) is served. */
async function readyPreview(session?: Awaited<ReturnType<typeof startPreview>>) {
  session ??= await startPreview();
  const html = await pollFor(async () => {
    const response = await open(session.preview_token);
    if (response.status === 202) return undefined;
    expect(response.status).toBe(200);
    return response.text();
  }, "the preview to be READY");
  return { ...session, html };
}

describe("previews", () => {
  it("bundles the project into a page served by its token alone: PENDING, then READY with the app inlined", async () => {
    const session = await startPreview();
    expect(session.status).toBe("PENDING");
    expect(session.preview_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { html } = await readyPreview(session);
    expect(html).toContain('<div id="root"></div>');
    expect(html.length - html.indexOf('<script type="module">')).toBeGreaterThan(50_000);
    expect(html).toContain("Dog Walker CRM");
    expect(html).not.toContain('src="/src/main.tsx"');
    const { data } = await service.from("preview_sessions").select("status, bundle_path, bundle_bytes").eq("preview_token", session.preview_token).single();
    expect(data).toMatchObject({ status: "READY", bundle_path: expect.stringContaining(project) });
    expect(data!.bundle_bytes).toBeGreaterThan(50_000);
  });

  it("sandboxes the served page (CSP) and never caches it", async () => {
    const { preview_token } = await readyPreview();
    const response = await open(preview_token);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toMatch(/^sandbox allow-scripts/);
    expect(response.headers.get("cache-control")).toContain("no-store");
  });

  it("serves nothing without the token or with a wrong one", async () => {
    expect((await fetch(`${stack.apiUrl}/functions/v1/preview/`)).status).toBe(404);
    expect((await open("x".repeat(43))).status).toBe(404);
    const { preview_token } = await readyPreview();
    expect((await open(preview_token.slice(0, -1) + (preview_token.endsWith("A") ? "B" : "A"))).status).toBe(404);
  });

  it("stops serving once expires_at has passed (410 EXPIRED)", async () => {
    const { session_id, preview_token } = await readyPreview();
    await service.from("preview_sessions").update({ expires_at: new Date(Date.now() - 1000).toISOString() }).eq("id", session_id).throwOnError();
    const response = await open(preview_token);
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ code: "expired", details: { status: "EXPIRED" } });
  });

  it.each([
    ["a missing module", 'import { missing } from "./nowhere";\nmissing();\n', /Cannot find \.\/nowhere/],
    ["a path out of a package to the server's files", 'import keys from "react/../../.codeforge/keys.json";\nconsole.log(keys);\n', /not available in previews/],
    ["a package previews do not offer", 'import { createClient } from "@supabase/supabase-js";\nconsole.log(createClient);\n', /not available in previews/],
  ])("records a bundling failure (FAILED with the error) for %s, and serves nothing", async (_name, main, error) => {
    const { data: broken } = await alice.client.from("projects").insert({ user_id: alice.userId, title: "Broken", mode: "builder" }).select("id").single().throwOnError();
    await alice.client.from("project_files").insert([
      { project_id: broken!.id, path: "index.html", content: '<html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>', language: "html" },
      { project_id: broken!.id, path: "src/main.tsx", content: main, language: "typescript" },
    ]).throwOnError();
    const { preview_token } = await startPreview(alice, { project_id: broken!.id });
    const response = await pollFor(async () => {
      const answer = await open(preview_token);
      return answer.status === 202 ? undefined : answer;
    }, "bundling to fail");
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(error);
    const { data } = await service.from("preview_sessions").select("status, bundle_path").eq("preview_token", preview_token).single();
    expect(data).toEqual({ status: "FAILED", bundle_path: null });
  });

  it("answers 404 to another user's preview request, 401 without a session, 400 for bad input", async () => {
    expect((await callFunction(stack, bob, "POST", "/preview", { project_id: project })).status).toBe(404);
    expect((await callFunction(stack, { apikey: stack.keys.anonKey }, "POST", "/preview", { project_id: project })).status).toBe(401);
    for (const body of [{}, { project_id: "nope" }, { project_id: project, ttl_seconds: 5 }, { project_id: project, extra: 1 }]) {
      expect((await callFunction(stack, alice, "POST", "/preview", body)).status).toBe(400);
    }
  });

  it("shows another user none of the sessions or cleanup events, but serves them a foreign preview by its token", async () => {
    const { preview_token } = await readyPreview();
    expect((await bob.client.from("preview_sessions").select("id")).data).toEqual([]);
    expect((await bob.client.from("preview_cleanup_events").select("id")).data).toEqual([]);
    expect((await alice.client.from("preview_sessions").select("id")).data!.length).toBeGreaterThan(0);
    expect((await bob.client.storage.from("previews").list(project)).data ?? []).toEqual([]);
    expect((await open(preview_token)).status).toBe(200);
    // No client may write sessions or cleanup events.
    const { data: updated } = await alice.client.from("preview_sessions").update({ expires_at: new Date(Date.now() + 1e9).toISOString() }).eq("preview_token", preview_token).select();
    expect(updated ?? []).toEqual([]);
    const { data: still } = await service.from("preview_sessions").select("expires_at").eq("preview_token", preview_token).single();
    expect(new Date(still!.expires_at).getTime()).toBeLessThan(Date.now() + 1e8);
  });

  it("sweeps each expired session through EXPIRED, SOFT_DELETED and PURGED once, even with two sweepers at once, removing the bundle", async () => {
    const sessions = await Promise.all([readyPreview(), readyPreview()]);
    const ids = sessions.map((s) => s.session_id);
    const { data: before } = await service.from("preview_sessions").select("bundle_path").in("id", ids);
    await service.from("preview_sessions").update({ expires_at: new Date(Date.now() - 1000).toISOString() }).in("id", ids).throwOnError();
    const sweep = () => callFunction(stack, service_(), "POST", "/preview/sweep", { soft_delete_after_seconds: 0, purge_after_seconds: 0 });
    const answers = await Promise.all([sweep(), sweep()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await sweep(); // a later sweep finds nothing new to record
    const { data: events } = await service.from("preview_cleanup_events").select("preview_session_id, stage").in("preview_session_id", ids).order("id");
    for (const id of ids) {
      expect(events!.filter((e) => e.preview_session_id === id).map((e) => e.stage)).toEqual(["EXPIRED", "SOFT_DELETED", "PURGED"]);
    }
    const { data: after } = await service.from("preview_sessions").select("status, bundle_path, deleted_at, purged_at").in("id", ids);
    expect(after!.every((s) => s.status === "PURGED" && s.bundle_path === null && s.deleted_at && s.purged_at)).toBe(true);
    for (const { bundle_path } of before!) {
      expect((await service.storage.from("previews").download(bundle_path!)).error).not.toBeNull();
    }
    expect((await open(sessions[0]!.preview_token)).status).toBe(410);
    // The owner sees the steps; the sweeper itself is internal.
    expect((await alice.client.from("preview_cleanup_events").select("stage").eq("preview_session_id", ids[0]!)).data!.length).toBe(3);
    expect((await callFunction(stack, alice, "POST", "/preview/sweep", {})).status).toBe(403);
  });

  it("keeps a session expired but not soft-deleted until its grace period is over", async () => {
    const { session_id } = await readyPreview();
    await service.from("preview_sessions").update({ expires_at: new Date(Date.now() - 1000).toISOString() }).eq("id", session_id).throwOnError();
    await callFunction(stack, service_(), "POST", "/preview/sweep", { soft_delete_after_seconds: 3600, purge_after_seconds: 0 });
    const { data } = await service.from("preview_sessions").select("status, bundle_path").eq("id", session_id).single();
    expect(data).toMatchObject({ status: "EXPIRED", bundle_path: expect.any(String) });
  });
});
