import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { defaultPlugins } from "../../local/server.ts";
import { functionsHost } from "../../local/functions/index.ts";
import { startFakeGitHub, headFiles, type FakeGitHub } from "../shared/fake-github.ts";
import { offlineApp } from "../../shared/offline/app.ts";
import { callFunction, type Caller } from "./api.ts";
import { pollFor } from "./poll.ts";
import { subscribed } from "./realtime-harness.ts";
import { startTestStack, type TestStack } from "./stack.ts";

const GITHUB_TOKEN = "ghp_collabtesttoken0000000000000000";
let github: FakeGitHub;
let stack: TestStack;
let service: SupabaseClient;
type User = Caller & { userId: string; client: SupabaseClient };
let alice: User;
let bob: User;
let project: string;

beforeAll(async () => {
  github = await startFakeGitHub(GITHUB_TOKEN);
  const plugins = [...defaultPlugins.filter((plugin) => plugin.name !== "functions"), functionsHost({ env: { GITHUB_API_URL: github.url } })];
  stack = await startTestStack(plugins);
  service = stack.service();
  const user = async (): Promise<User> => {
    const u = await stack.signUp();
    return u;
  };
  [alice, bob] = await Promise.all([user(), user()]);
  project = (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Dog CRM", mode: "builder" }).select("id").single().throwOnError()).data!.id;
  const { files } = await offlineApp("A CRM for dog walkers");
  await alice.client.from("project_files").insert(files.map((file) => ({ ...file, project_id: project }))).throwOnError();
});
afterAll(async () => {
  await stack?.close();
  await github?.close();
});

async function finishedJob(jobId: string) {
  return pollFor(async () => {
    const { data } = await service.from("agent_jobs").select("status, result, error").eq("id", jobId).single();
    return ["completed", "failed"].includes(data!.status) ? data! : undefined;
  }, `job ${jobId} to finish`);
}

async function runAi(caller: Caller, body: object) {
  const response = await callFunction(stack, caller, "POST", "/run-ai", body);
  return { status: response.status, body: await response.json() };
}

describe("docs and explain jobs", () => {
  it("writes a README from the project's files, as a project file and as the job's result", async () => {
    const { status, body } = await runAi(alice, { project_id: project, agent_type: "docs" });
    expect(status).toBe(202);
    const job = await finishedJob(body.job_id);
    expect(job.status).toBe("completed");
    expect(job.result).toMatchObject({ path: "README.md", source: "offline", markdown: expect.stringContaining("## Routes") });
    const { data: readme } = await alice.client.from("project_files").select("content, language").eq("project_id", project).eq("path", "README.md").single();
    expect(readme!.content).toBe(job.result.markdown);
    expect(readme!.content).toContain("`/clients`");
    expect(readme!.content).toContain("`useCollection`");
  });

  it("documents one file's exports on docs/<path>.md", async () => {
    const { body } = await runAi(alice, { project_id: project, agent_type: "docs", file_path: "src/data/use-collection.ts" });
    const job = await finishedJob(body.job_id);
    expect(job.result).toMatchObject({ path: "docs/src/data/use-collection.md" });
    expect(job.result.markdown).toMatch(/### `useCollection` \(hook, line \d+\)/);
  });

  it("explains a line range of a file", async () => {
    const { body } = await runAi(alice, { project_id: project, agent_type: "explain", file_path: "src/main.tsx", line_start: 9, line_end: 15, question: "What renders here?" });
    const job = await finishedJob(body.job_id);
    expect(job.status).toBe("completed");
    expect(job.result.answer).toContain("> What renders here?");
    expect(job.result.answer).toContain("`<BrowserRouter>`");
    expect(job.result.symbols).toEqual(expect.arrayContaining(["StrictMode", "BrowserRouter", "App"]));
  });

  it.each([
    ["no range", { agent_type: "explain", file_path: "src/main.tsx" }],
    ["an inverted range", { agent_type: "explain", file_path: "src/main.tsx", line_start: 5, line_end: 2 }],
    ["a path escaping the project", { agent_type: "docs", file_path: "../etc/passwd" }],
    ["an unknown agent", { agent_type: "refactorx" }],
    ["an unknown key", { agent_type: "docs", extra: true }],
  ])("answers 400 for %s", async (_name, body) => {
    expect((await runAi(alice, { project_id: project, ...body })).status).toBe(400);
  });

  it("answers 404 for another user's project and fails clearly for a missing file", async () => {
    expect((await runAi(bob, { project_id: project, agent_type: "docs" })).status).toBe(404);
    const { body } = await runAi(alice, { project_id: project, agent_type: "explain", file_path: "src/nope.ts", line_start: 1, line_end: 2 });
    expect(await finishedJob(body.job_id)).toMatchObject({ status: "failed", error: expect.stringContaining("no file src/nope.ts") });
  });
});

describe("comments and notifications", () => {
  it("answers a question in a thread with an AI comment, and notifies the owner live", async () => {
    await alice.client.realtime.setAuth(alice.token);
    const live: { type: string; payload: Record<string, unknown> }[] = [];
    await subscribed(alice.client.channel("notes").on("postgres_changes", { event: "INSERT", schema: "public", table: "notifications" }, (change) => void live.push(change.new as never)));
    const { data: thread } = await alice.client.from("comment_threads").insert({ project_id: project, file_path: "src/main.tsx", line_start: 9, line_end: 15 }).select("id").single().throwOnError();
    await alice.client.from("comments").insert({ thread_id: thread!.id, author_id: alice.userId, author_type: "USER", body: "Why StrictMode?" }).throwOnError();
    const { status, body } = await runAi(alice, { project_id: project, agent_type: "explain", thread_id: thread!.id, question: "Why StrictMode?" });
    expect(status).toBe(202);
    await finishedJob(body.job_id);
    const { data: comments } = await alice.client.from("comments").select("author_type, author_id, body, job_id").eq("thread_id", thread!.id).order("created_at");
    expect(comments!.map((c) => c.author_type)).toEqual(["USER", "AI"]);
    expect(comments![1]).toMatchObject({ author_id: null, job_id: body.job_id, body: expect.stringContaining("Lines 9–15 of `src/main.tsx`") });
    const types = await pollFor(async () => {
      const seen = live.map((n) => n.type);
      return seen.includes("comment_added") && seen.includes("job_completed") ? seen : undefined;
    }, "the live notifications", 10_000);
    expect(types.filter((t) => t === "comment_added")).toHaveLength(1); // the owner's own comment notifies nobody
    expect(live.find((n) => n.type === "comment_added")!.payload).toMatchObject({ thread_id: thread!.id, author_type: "AI", file_path: "src/main.tsx" });
  });

  it("notifies a failed job, counts unread and marks read (only read_at may change)", async () => {
    const { body } = await runAi(alice, { project_id: project, agent_type: "explain", file_path: "missing.ts", line_start: 1, line_end: 1 });
    await finishedJob(body.job_id);
    const unread = async () => (await alice.client.from("notifications").select("*", { count: "exact", head: true }).is("read_at", null)).count!;
    const before = await unread();
    const { data: failed } = await alice.client.from("notifications").select("id, type, payload").eq("payload->>job_id", body.job_id).single();
    expect(failed).toMatchObject({ type: "job_failed", payload: { agent_type: "explain", error: expect.stringContaining("missing.ts") } });
    const { data: marked } = await alice.client.from("notifications").update({ read_at: new Date().toISOString() }).eq("id", failed!.id).select("read_at");
    expect(marked![0]!.read_at).not.toBeNull();
    expect(await unread()).toBe(before - 1);
    const { error } = await alice.client.from("notifications").update({ type: "job_completed" }).eq("id", failed!.id);
    expect(error?.code).toBe("42501");
    expect((await service.from("notifications").select("type").eq("id", failed!.id).single()).data!.type).toBe("job_failed");
    expect((await alice.client.from("notifications").insert({ user_id: alice.userId, type: "job_completed" })).error?.code).toBe("42501");
  });

  it("lets no one post an AI comment or comment as someone else", async () => {
    const { data: thread } = await alice.client.from("comment_threads").insert({ project_id: project, file_path: "src/App.tsx", line_start: 1, line_end: 1 }).select("id").single().throwOnError();
    expect((await alice.client.from("comments").insert({ thread_id: thread!.id, author_type: "AI", body: "fake AI" })).error?.code).toBe("42501");
    expect((await bob.client.from("comments").insert({ thread_id: thread!.id, author_id: bob.userId, author_type: "USER", body: "hi" })).error?.code).toBe("42501");
    expect((await bob.client.from("comment_threads").insert({ project_id: project, user_id: bob.userId, file_path: "a.ts", line_start: 1, line_end: 1 })).error?.code).toBe("42501");
    expect((await alice.client.from("comment_threads").insert({ project_id: project, file_path: "a.ts", line_start: 3, line_end: 1 })).error?.code).toBe("23514");
  });

  it("shows another user none of the threads, comments or notifications, over REST, Realtime or run-ai", async () => {
    await bob.client.realtime.setAuth(bob.token);
    const seen: unknown[] = [];
    const channel = bob.client.channel("spy");
    for (const table of ["comments", "comment_threads", "notifications"]) channel.on("postgres_changes", { event: "*", schema: "public", table }, (change) => void seen.push(change));
    await subscribed(channel);
    const { data: thread } = await alice.client.from("comment_threads").insert({ project_id: project, file_path: "src/App.tsx", line_start: 2, line_end: 4 }).select("id").single().throwOnError();
    const { body } = await runAi(alice, { project_id: project, agent_type: "explain", thread_id: thread!.id });
    await finishedJob(body.job_id);
    expect((await runAi(bob, { project_id: project, agent_type: "explain", thread_id: thread!.id })).status).toBe(404);
    for (const table of ["comment_threads", "comments", "notifications", "repo_syncs"]) {
      expect((await bob.client.from(table).select("id")).data, table).toEqual([]);
    }
    // Alice's changes reached her; give them the same time to (not) reach Bob.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual([]);
  });
});

describe("repository sync", () => {
  it("imports a public repository without a token, recording PENDING → RUNNING → SUCCESS", async () => {
    github.seed("public-app", [{ path: "README.md", content: "# Public\n" }, { path: "src/index.ts", content: "export const answer = 42;\n" }, { path: "logo.bin", content: "\u0000\u0001" }]);
    const response = await callFunction(stack, alice, "POST", `/projects/${project}/import/github`, { repo: "walker/public-app" });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer).toMatchObject({ status: "SUCCESS", files_count: 2, branch: "main", skipped: ["logo.bin"] });
    const { data: file } = await alice.client.from("project_files").select("content, language").eq("project_id", project).eq("path", "src/index.ts").single();
    expect(file).toEqual({ content: "export const answer = 42;\n", language: "typescript" });
    const { data: sync } = await alice.client.from("repo_syncs").select("*").eq("id", answer.sync_id).single();
    expect(sync).toMatchObject({ direction: "import", repo: "walker/public-app", status: "SUCCESS", error_message: null, files_count: 2, commit_sha: answer.commit_sha });
    expect(sync!.started_at && sync!.finished_at).toBeTruthy();
    expect(github.tokens.at(-1)).toBe("");
    const { data: manifest } = await alice.client.from("project_manifests").select("source, file_count").eq("project_id", project).order("version", { ascending: false }).limit(1).single();
    expect(manifest).toMatchObject({ source: "import" });
  });

  it("imports a private repository with a token, and records a failure without one (the token is stored nowhere)", async () => {
    github.seed("secret-app", [{ path: "main.py", content: "print('hi')\n" }], { private: true });
    const denied = await callFunction(stack, alice, "POST", `/projects/${project}/import/github`, { repo: "walker/secret-app" });
    expect(denied.status).toBe(400);
    const failure = await denied.json();
    const { data: failed } = await alice.client.from("repo_syncs").select("status, error_message").eq("id", failure.details.sync_id).single();
    expect(failed).toMatchObject({ status: "FAILED", error_message: expect.stringContaining("not found") });
    const ok = await callFunction(stack, alice, "POST", `/projects/${project}/import/github`, { repo: "walker/secret-app", github_token: GITHUB_TOKEN });
    expect(ok.status).toBe(200);
    const { data: rows } = await service.from("repo_syncs").select("*");
    expect(JSON.stringify(rows)).not.toContain(GITHUB_TOKEN);
  });

  it("records exports: SUCCESS with the commit, FAILED with GitHub's refusal", async () => {
    const good = await callFunction(stack, alice, "POST", `/projects/${project}/export/github`, { repo_name: "dog-crm", github_token: GITHUB_TOKEN });
    expect(good.status).toBe(200);
    const pushed = await good.json();
    expect(headFiles(github.repos.get("dog-crm")!).map((f) => f.path)).toContain("src/main.tsx");
    const { data: ok } = await alice.client.from("repo_syncs").select("status, commit_sha, files_count").eq("id", good.headers.get("x-sync-id")!).single();
    expect(ok).toEqual({ status: "SUCCESS", commit_sha: pushed.commit_sha, files_count: pushed.files_pushed });
    const bad = await callFunction(stack, alice, "POST", `/projects/${project}/export/github`, { repo_name: "dog-crm", github_token: "ghp_wrongwrongwrongwrongwrong" });
    expect(bad.status).toBe(400);
    const { data: failed } = await alice.client.from("repo_syncs").select("status, error_message").eq("id", (await bad.json()).details.sync_id).single();
    expect(failed).toEqual({ status: "FAILED", error_message: expect.stringContaining("token was rejected") });
  });

  it("answers 404 for another user's project and records nothing", async () => {
    const before = (await service.from("repo_syncs").select("*", { count: "exact", head: true })).count;
    expect((await callFunction(stack, bob, "POST", `/projects/${project}/import/github`, { repo: "walker/public-app" })).status).toBe(404);
    expect((await service.from("repo_syncs").select("*", { count: "exact", head: true })).count).toBe(before);
    expect((await callFunction(stack, alice, "POST", `/projects/${project}/import/github`, { repo: "not a repo" })).status).toBe(400);
  });
});
