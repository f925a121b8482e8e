import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction, type SignedInCaller } from "./api.ts";
import { startStackWithUsers, type TestStack } from "./stack.ts";

let stack: TestStack, alice: SignedInCaller, mallory: SignedInCaller;
beforeAll(async () => ({ stack, alice, bob: mallory } = await startStackWithUsers()));
afterAll(() => stack?.close());

const WALKS = 'export function WalkList() {\r\n  return <ul className="walks">🐕 WalkList</ul>;\r\n}\n';
const PAGE = 'import { WalkList } from "./WalkList";\n\nexport const Page = () => <WalkList />;\n';

/** A project with two files and a first manifest, as a code stage leaves it. */
async function projectWithFiles(): Promise<string> {
  const { data: project } = await alice.client.from("projects").insert({ user_id: alice.userId, title: "Walks", mode: "builder" }).select().single().throwOnError();
  await alice.client.from("project_files").insert([
    { project_id: project!.id, path: "src/WalkList.tsx", content: WALKS, language: "typescript" },
    { project_id: project!.id, path: "src/Page.tsx", content: PAGE, language: "typescript" },
  ]).throwOnError();
  await stack.service().rpc("record_project_manifest", { p_project_id: project!.id, p_source: "code" }).throwOnError();
  return project!.id;
}
const fileRow = async (project: string, path: string) =>
  (await alice.client.from("project_files").select("id, content, version").eq("project_id", project).eq("path", path).single()).data!;
const save = async (client: SupabaseClient, file: { id: string; version: number }, content: string) =>
  (await client.rpc("save_project_file", { p_file_id: file.id, p_content: content, p_expected_version: file.version })).data;
const versions = async (project: string) =>
  ((await alice.client.from("project_manifests").select("version, source").eq("project_id", project).order("version")).data ?? []);

async function waitForJob(jobId: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const job = await (await callFunction(stack, alice, "GET", `/jobs/${jobId}`)).json();
    if (["completed", "failed", "cancelled"].includes(job.status) || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe("history: saves, diff and rollback", () => {
  it("records a version per save, diffs any two, and rolls back to the exact bytes as a new version", async () => {
    const project = await projectWithFiles();
    const page = await fileRow(project, "src/Page.tsx");
    expect(await save(alice.client, page, PAGE.replace("Page", "Home"))).toMatchObject({ version: 2, manifest_version: 2 });
    expect(await save(alice.client, page, "stale")).toBeNull();

    const diff = await (await callFunction(stack, alice, "GET", `/history/${project}/diff?from=1&to=2`)).json();
    expect(diff).toMatchObject({ from: 1, to: 2, modified: 1, added: 0, removed: 0, unchanged: 1 });
    expect(diff.changes[0].path).toBe("src/Page.tsx");
    expect(diff.changes[0].hunks[0].lines).toEqual([' import { WalkList } from "./WalkList";', " ", "-export const Page = () => <WalkList />;", "+export const Home = () => <WalkList />;"]);

    const walks = await fileRow(project, "src/WalkList.tsx");
    await save(alice.client, walks, "broken");
    const rolled = await callFunction(stack, alice, "POST", `/history/${project}/rollback`, { version: 1 });
    expect(await rolled.json()).toMatchObject({ version: 4, restored_from: 1 });
    expect((await fileRow(project, "src/WalkList.tsx")).content).toBe(WALKS);
    expect((await fileRow(project, "src/Page.tsx")).content).toBe(PAGE);
    expect((await versions(project)).map((v) => v.source)).toEqual(["code", "save", "save", "rollback"]);
    const [v1, v4] = (await alice.client.from("project_manifests").select("hash").eq("project_id", project).in("version", [1, 4]).order("version")).data!;
    expect(v4!.hash).toBe(v1!.hash);
  });

  it("refuses to roll back to a corrupted version and reports it in the diff", async () => {
    const project = await projectWithFiles();
    await save(alice.client, await fileRow(project, "src/Page.tsx"), "changed");
    await stack.service().from("project_blobs").update({ content: "tampered" }).eq("project_id", project).neq("content", "changed").throwOnError();
    const rolled = await callFunction(stack, alice, "POST", `/history/${project}/rollback`, { version: 1 });
    expect(rolled.status).toBe(409);
    expect(await rolled.json()).toMatchObject({ code: "manifest_corrupted" });
    expect((await fileRow(project, "src/Page.tsx")).content).toBe("changed");
    expect((await callFunction(stack, alice, "GET", `/history/${project}/diff?from=1&to=2`)).status).toBe(409);
    expect((await callFunction(stack, alice, "POST", `/history/${project}/rollback`, { version: 0 })).status).toBe(400);
    expect((await callFunction(stack, alice, "POST", `/history/${project}/rollback`, { version: 99 })).status).toBe(404);
  });
});

// The first proposal of a worker loads TypeScript for its check: tens of seconds on a loaded machine.
describe("refactor jobs", { timeout: 120_000 }, () => {
  const startRename = async (project: string) => {
    const started = await callFunction(stack, alice, "POST", "/refactor", { project_id: project, symbol: "WalkList", options: { rename_to: "WalkTable" }, instruction: "Tables read better" });
    expect(started.status).toBe(202);
    const job = await waitForJob((await started.json()).job_id);
    expect(job.status).toBe("completed");
    return job;
  };

  it("proposes a rename, refuses to apply it after a concurrent edit (409, nothing half-applied), applies a fresh one atomically", async () => {
    const project = await projectWithFiles();
    const stale = await startRename(project);
    expect(stale.result.proposal.edits.map((e: { path: string; occurrences: number }) => [e.path, e.occurrences])).toEqual([["src/Page.tsx", 2], ["src/WalkList.tsx", 1]]);

    await save(alice.client, await fileRow(project, "src/WalkList.tsx"), `${WALKS}// edited meanwhile\n`);
    const before = { page: await fileRow(project, "src/Page.tsx"), manifests: await versions(project) };
    const refused = await callFunction(stack, alice, "POST", `/refactor/${stale.job_id}/apply`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).details).toEqual([{ path: "src/WalkList.tsx", reason: "changed", base_version: 1, current_version: 2 }]);
    expect(await fileRow(project, "src/Page.tsx")).toEqual(before.page);
    expect(await versions(project)).toEqual(before.manifests);

    const fresh = await startRename(project);
    const applied = await callFunction(stack, alice, "POST", `/refactor/${fresh.job_id}/apply`);
    expect(applied.status).toBe(200);
    expect((await applied.json()).applied_changes).toMatchObject({ manifest_version: 3, files: [{ path: "src/Page.tsx", from_version: 1, to_version: 2 }, { path: "src/WalkList.tsx", from_version: 2, to_version: 3 }] });
    expect((await fileRow(project, "src/Page.tsx")).content).toBe(PAGE.replaceAll("<WalkList", "<WalkTable").replace("{ WalkList }", "{ WalkTable }"));
    expect((await fileRow(project, "src/WalkList.tsx")).content).toContain('export function WalkTable() {\r\n  return <ul className="walks">🐕 WalkList</ul>;');
    expect((await versions(project)).at(-1)).toEqual({ version: 3, source: "refactor" });
    expect((await callFunction(stack, alice, "POST", `/refactor/${fresh.job_id}/apply`)).status).toBe(409);
  });

  it("rejects bad input with 400 and fails a rename of a name the project does not use", async () => {
    const project = await projectWithFiles();
    expect((await callFunction(stack, alice, "POST", "/refactor", { project_id: project, symbol: "not a name", options: { rename_to: "X" } })).status).toBe(400);
    expect((await callFunction(stack, alice, "POST", "/refactor", { project_id: project, symbol: "Same", options: { rename_to: "Same" } })).status).toBe(400);
    const started = await callFunction(stack, alice, "POST", "/refactor", { project_id: project, symbol: "Nowhere", options: { rename_to: "Somewhere" } });
    const job = await waitForJob((await started.json()).job_id);
    expect(job).toMatchObject({ status: "failed" });
    expect(job.error).toContain('"Nowhere" is not an identifier');
  });
});

describe("another user", { timeout: 120_000 }, () => {
  it("can read, diff, roll back, save, refactor or apply none of it", async () => {
    const project = await projectWithFiles();
    const page = await fileRow(project, "src/Page.tsx");
    expect((await mallory.client.from("project_manifests").select("id").eq("project_id", project)).data).toEqual([]);
    expect((await mallory.client.from("project_blobs").select("hash").eq("project_id", project)).data).toEqual([]);
    expect(await save(mallory.client, page, "mine now")).toBeNull();
    expect((await mallory.client.rpc("record_project_manifest", { p_project_id: project, p_source: "save" })).error?.code).toBe("42501");
    expect((await callFunction(stack, mallory, "GET", `/history/${project}/diff?from=1&to=1`)).status).toBe(404);
    expect((await callFunction(stack, mallory, "POST", `/history/${project}/rollback`, { version: 1 })).status).toBe(404);
    expect((await callFunction(stack, mallory, "POST", "/refactor", { project_id: project, symbol: "WalkList", options: { rename_to: "Mine" } })).status).toBe(404);
    const job = await (await callFunction(stack, alice, "POST", "/refactor", { project_id: project, symbol: "WalkList", options: { rename_to: "WalkTable" } })).json();
    await waitForJob(job.job_id);
    expect((await callFunction(stack, mallory, "POST", `/refactor/${job.job_id}/apply`)).status).toBe(404);
    expect((await fileRow(project, "src/Page.tsx")).content).toBe(PAGE);
  });
});
