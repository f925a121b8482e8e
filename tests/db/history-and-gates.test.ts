import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, databaseWithUsers, insertRow } from "./harness.ts";

let pg: PGlite, owner: string, other: string;
let project: string;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

beforeAll(async () => ({ pg, owner, other } = await databaseWithUsers()));
afterAll(() => pg.close());
beforeEach(async () => {
  project = await insertRow(pg, "projects", { user_id: owner, title: "History", mode: "builder" });
});

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await pg.query<T>(sql, params)).rows[0]!;
}
const writeFile = (path: string, content: string, language = "typescript") =>
  pg.query(
    `insert into public.project_files as f (project_id, path, content, language) values ($1, $2, $3, $4)
     on conflict (project_id, path) do update set content = excluded.content, version = f.version + 1`,
    [project, path, content, language],
  );
interface Manifest { id: string; version: number; hash: string; file_count: number; total_bytes: number; data: { files: { path: string; hash: string; size: number }[] } }
const record = (source = "save", projectId = project) =>
  one<Manifest>("select * from public.record_project_manifest($1, $2)", [projectId, source]);
const files = async () =>
  (await pg.query<{ path: string; content: string; version: number }>("select path, content, version from public.project_files where project_id = $1 order by path", [project])).rows;

describe("record_project_manifest", () => {
  it("numbers versions per project and hashes each file and the tree", async () => {
    await writeFile("src/b.ts", "export const b = 2;\n");
    await writeFile("src/a.ts", "export const a = 'é';\n");
    const first = await record("code");
    expect(first).toMatchObject({ version: 1, file_count: 2 });
    expect(first.data.files.map((f) => f.path)).toEqual(["src/a.ts", "src/b.ts"]);
    expect(first.data.files[0]!.hash).toBe(sha256("export const a = 'é';\n"));
    expect(first.data.files[0]!.size).toBe(Buffer.byteLength("export const a = 'é';\n"));
    expect(first.total_bytes).toBe(first.data.files[0]!.size + first.data.files[1]!.size);
    const lines = first.data.files.map((f: { hash: string; size: number; path: string; language?: string }) => [f.hash, f.size, f.language ?? "", f.path].join("\t")).join("\n");
    expect(first.hash).toBe(sha256(lines));
    expect((await record()).version).toBe(2);
  });

  it("gives the same tree the same hash whatever order the files were written in, and stores each content once", async () => {
    await writeFile("x.ts", "same");
    await writeFile("y.ts", "other");
    const a = await record();
    const otherProject = await insertRow(pg, "projects", { user_id: owner, title: "Twin", mode: "builder" });
    await pg.query("insert into public.project_files (project_id, path, content, language) values ($1, 'y.ts', 'other', 'typescript'), ($1, 'x.ts', 'same', 'typescript')", [otherProject]);
    const b = await record("save", otherProject);
    expect(b.hash).toBe(a.hash);
    await writeFile("z.ts", "same");
    await record();
    const blobs = await one<{ n: number }>("select count(*)::int as n from public.project_blobs where project_id = $1", [project]);
    expect(blobs.n).toBe(2);
  });

  it("reports a manifest whose data no longer matches its hash, or whose content was altered", async () => {
    await writeFile("a.ts", "one");
    const manifest = await record();
    expect((await one<{ p: string[] }>("select public.project_manifest_problems($1) as p", [manifest.id])).p).toEqual([]);
    await pg.query("update public.project_manifests set data = jsonb_set(data, '{files,0,size}', '99') where id = $1", [manifest.id]);
    expect((await one<{ p: string[] }>("select public.project_manifest_problems($1) as p", [manifest.id])).p).toEqual([
      "the tree does not match the manifest's integrity hash",
    ]);
    const second = await record();
    await pg.query("update public.project_blobs set content = 'tampered' where project_id = $1", [project]);
    expect((await one<{ p: string[] }>("select public.project_manifest_problems($1) as p", [second.id])).p).toEqual([
      "a.ts: its stored content does not match its hash",
    ]);
  });
});

describe("rollback_project", () => {
  it("restores the exact files of an earlier version as a new version, losing nothing", async () => {
    await writeFile("keep.ts", "v1 ✓\r\n\ttabs\n");
    await writeFile("gone.ts", "only in v1");
    await record("code");
    await writeFile("keep.ts", "v2");
    await pg.query("delete from public.project_files where project_id = $1 and path = 'gone.ts'", [project]);
    await writeFile("new.ts", "added in v2");
    await record("save");
    const restored = await one<Manifest>("select * from public.rollback_project($1, 1)", [project]);
    expect(restored.version).toBe(3);
    expect((await files()).map(({ path, content }) => ({ path, content }))).toEqual([
      { path: "gone.ts", content: "only in v1" },
      { path: "keep.ts", content: "v1 ✓\r\n\ttabs\n" },
    ]);
    const v1 = await one<Manifest>("select * from public.project_manifests where project_id = $1 and version = 1", [project]);
    expect(restored.hash).toBe(v1.hash);
    expect((await one<{ n: number }>("select count(*)::int as n from public.project_manifests where project_id = $1", [project])).n).toBe(3);
  });

  it("refuses a corrupted version (CF422) and changes nothing", async () => {
    await writeFile("a.ts", "one");
    const v1 = await record();
    await writeFile("a.ts", "two");
    await record();
    await pg.query("update public.project_manifests set hash = repeat('0', 64) where id = $1", [v1.id]);
    await expect(pg.query("select public.rollback_project($1, 1)", [project])).rejects.toMatchObject({ code: "CF422" });
    expect((await files())[0]!.content).toBe("two");
  });
});

describe("save_project_file", () => {
  it("saves at the expected version with a manifest, and refuses a stale version or another user's file", async () => {
    await writeFile("a.ts", "start");
    const file = await one<{ id: string }>("select id from public.project_files where project_id = $1", [project]);
    const save = (user: string, version: number, content: string) =>
      asActor(pg, { role: "authenticated", sub: user }, async (tx) =>
        (await tx.query<{ saved: Record<string, unknown> | null }>("select public.save_project_file($1, $2, $3) as saved", [file.id, content, version])).rows[0]!.saved);
    expect(await save(owner, 1, "edited")).toMatchObject({ path: "a.ts", version: 2, manifest_version: 1 });
    expect(await save(owner, 2, "stale")).toBeNull(); // rolled back above: still version 1
    expect(await save(other, 1, "theirs")).toBeNull();
  });
});

describe("review gates and pause in the engine", () => {
  let job: string;
  beforeEach(async () => {
    job = await insertRow(pg, "agent_jobs", { project_id: project, user_id: owner, agent_type: "pipeline" });
  });
  const claim = (worker: string) => pg.query("select * from public.claim_agent_job($1, $2, 60)", [job, worker]);
  const complete = (worker: string, stage: string, effects: unknown = {}) =>
    one<{ ok: boolean }>("select public.complete_agent_job_stage($1, $2, $3, $4, 50, $5) as ok", [job, worker, stage, { stage }, effects]).then((r) => r.ok);
  const row = () => one<{ status: string; review_kind: string | null; completed_stages: string[]; params: Record<string, unknown> }>("select * from public.agent_jobs where id = $1", [job]);
  const types = async () => (await pg.query<{ type: string }>("select type from public.job_events where job_id = $1 and kind = 'event' order by seq", [job])).rows.map((r) => r.type);

  it("allows review_kind only while awaiting review", async () => {
    await expect(pg.query("update public.agent_jobs set status = 'awaiting_review' where id = $1", [job])).rejects.toThrow(/agent_jobs_review_kind_consistent/);
    await expect(pg.query("update public.agent_jobs set review_kind = 'design' where id = $1", [job])).rejects.toThrow(/agent_jobs_review_kind_consistent/);
  });

  it("stops after a gated stage; workers and the sweeper leave it alone; changes reopen the stage with the comment", async () => {
    await claim("w");
    expect(await complete("w", "wireframe", { review: "design" })).toBe(true);
    expect(await row()).toMatchObject({ status: "awaiting_review", review_kind: "design" });
    expect((await claim("w2")).rows).toHaveLength(0);
    await pg.query("select public.sweep_agent_jobs()");
    expect((await row()).status).toBe("awaiting_review");

    expect((await one<{ s: string }>("select public.review_agent_job($1, false, 'Add a reports page') as s", [job])).s).toBe("queued");
    const reopened = await row();
    expect(reopened).toMatchObject({ status: "queued", review_kind: null, completed_stages: [] });
    expect(reopened.params.review_comments).toEqual([{ stage: "wireframe", kind: "design", comment: "Add a reports page", revision: 1 }]);
    expect((await pg.query("select stage from public.job_artifacts where job_id = $1", [job])).rows).toEqual([{ stage: "wireframe:rev1" }]);

    await claim("w");
    await complete("w", "wireframe", { review: "design" });
    expect((await one<{ s: string | null }>("select public.review_agent_job($1, true) as s", [job])).s).toBe("queued");
    expect((await one<{ s: string | null }>("select public.review_agent_job($1, true) as s", [job])).s).toBeNull();
    expect(await types()).toEqual(["stage_completed", "review_requested", "changes_requested", "stage_completed", "review_requested", "review_approved"]);
  });

  it("pauses mid-stage: the stage finishes, nothing new is claimed until resume", async () => {
    await claim("w");
    expect((await one<{ ok: boolean }>("select public.pause_agent_job($1) as ok", [job])).ok).toBe(true);
    expect((await one<{ ok: boolean }>("select public.extend_agent_job_lease($1, 'w', 60) as ok", [job])).ok).toBe(true);
    expect(await complete("w", "research")).toBe(true);
    expect((await row()).status).toBe("paused");
    expect((await claim("w")).rows).toHaveLength(0);
    expect((await one<{ s: string }>("select public.resume_agent_job($1) as s", [job])).s).toBe("queued");
    expect((await claim("w")).rows).toHaveLength(1);
    expect(await types()).toEqual(["job_paused", "stage_completed", "job_resumed"]);
  });

  it("records a manifest with the files of a stage, in its transaction", async () => {
    await claim("w");
    await complete("w", "code", { files: [{ path: "src/App.tsx", content: "export {}", language: "typescript" }] });
    expect(await one("select version, source, job_id, file_count from public.project_manifests where project_id = $1", [project])).toEqual({
      version: 1, source: "code", job_id: job, file_count: 1,
    });
  });
});

describe("apply_refactor_proposal", () => {
  it("writes every file or, when one changed since the proposal, none (CF409)", async () => {
    await writeFile("a.ts", "export const Old = 1;");
    await writeFile("b.ts", "import { Old } from './a';");
    const edits = (await files()).map((f) => ({ path: f.path, base_version: f.version, base_hash: sha256(f.content), new_content: f.content.replace("Old", "New") }));
    const job = await insertRow(pg, "agent_jobs", {
      project_id: project, user_id: owner, agent_type: "refactor", status: "completed", result: JSON.stringify({ proposal: { summary: "Rename Old to New", edits } }),
    });
    await writeFile("b.ts", "import { Old } from './a'; // edited meanwhile");
    await expect(pg.query("select public.apply_refactor_proposal($1)", [job])).rejects.toMatchObject({ code: "CF409" });
    expect((await files()).map((f) => f.content)).toEqual(["export const Old = 1;", "import { Old } from './a'; // edited meanwhile"]);

    await writeFile("b.ts", "import { Old } from './a';");
    const current = await files();
    const fresh = current.map((f) => ({ path: f.path, base_version: f.version, base_hash: sha256(f.content), new_content: f.content.replace("Old", "New") }));
    await pg.query("update public.agent_jobs set result = $2 where id = $1", [job, JSON.stringify({ proposal: { summary: "Rename", edits: fresh } })]);
    const applied = await one<{ a: { files: unknown[]; manifest_version: number } }>("select public.apply_refactor_proposal($1) as a", [job]);
    expect(applied.a.files).toHaveLength(2);
    expect((await files()).map((f) => f.content)).toEqual(["export const New = 1;", "import { New } from './a';"]);
    await expect(pg.query("select public.apply_refactor_proposal($1)", [job])).rejects.toMatchObject({ code: "CF409" });
  });
});

describe("who may read and call the history", () => {
  it("shows manifests and contents to the owner only, and lets no user record or roll back", async () => {
    await writeFile("secret.ts", "token");
    await record();
    const read = (sub: string) =>
      asActor(pg, { role: "authenticated", sub }, async (tx) => ({
        manifests: (await tx.query("select id from public.project_manifests where project_id = $1", [project])).rows.length,
        blobs: (await tx.query("select hash from public.project_blobs where project_id = $1", [project])).rows.length,
      }));
    expect(await read(owner)).toEqual({ manifests: 1, blobs: 1 });
    expect(await read(other)).toEqual({ manifests: 0, blobs: 0 });
    for (const sql of ["select public.record_project_manifest($1, 'save')", "select public.rollback_project($1, 1)"]) {
      await expect(asActor(pg, { role: "authenticated", sub: owner }, (tx) => tx.query(sql, [project]))).rejects.toMatchObject({ code: "42501" });
    }
    await expect(asActor(pg, { role: "authenticated", sub: owner }, (tx) => tx.query("insert into public.project_blobs (project_id, hash, content, size_bytes) values ($1, repeat('a', 64), 'x', 1)", [project]))).rejects.toMatchObject({ code: "42501" });
  });
});
