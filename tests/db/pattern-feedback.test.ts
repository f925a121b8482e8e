import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, databaseWithUsers } from "./harness.ts";

let pg: PGlite, user: string;
let pattern: string;

beforeAll(async () => {
  ({ pg, owner: user } = await databaseWithUsers());
  pattern = (await pg.query<{ id: string }>("insert into public.pattern_embeddings (project_type, metadata, success_score) values ('crm', '{\"name\": \"Bakery Inventory\"}', 0.85) returning id")).rows[0]!.id;
});
afterAll(() => pg.close());

const adjust = (role: "service_role" | "authenticated" | "anon", delta: number, id = pattern) =>
  asActor(pg, role === "authenticated" ? { role, sub: user } : { role }, async (tx) => (await tx.query<{ score: number | null }>("select public.adjust_pattern_score($1, $2) as score", [id, delta])).rows[0]!.score);

describe("adjust_pattern_score", () => {
  it("lowers a pattern's success_score for the service role, never below 0, and answers the new score", async () => {
    expect(await adjust("service_role", -0.1)).toBeCloseTo(0.75, 5);
    expect(await adjust("service_role", -5)).toBe(0);
    expect(await adjust("service_role", 2)).toBe(1);
    const stored = await asActor(pg, { role: "service_role" }, async (tx) => {
      await tx.query("select public.adjust_pattern_score($1, -0.25)", [pattern]);
      return (await tx.query<{ success_score: number }>("select success_score from public.pattern_embeddings where id = $1", [pattern])).rows[0]!.success_score;
    });
    expect(stored).toBeCloseTo(0.6, 5);
  });

  it("answers null for an unknown pattern", async () => {
    expect(await adjust("service_role", -0.1, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("is not callable by signed-in users or anon", async () => {
    await expect(adjust("authenticated", -0.1)).rejects.toThrow(/permission denied/);
    await expect(adjust("anon", -0.1)).rejects.toThrow(/permission denied/);
  });
});

describe("an app its owner rewrites", () => {
  let project: string;
  let job: string;
  let files: { id: string; version: number }[];
  let edited: string;

  beforeAll(async () => {
    edited = (await pg.query<{ id: string }>("insert into public.pattern_embeddings (project_type, metadata, success_score) values ('crm', '{\"name\": \"Dog CRM\"}', 0.9) returning id")).rows[0]!.id;
    project = (await pg.query<{ id: string }>("insert into public.projects (user_id, title, mode) values ($1, 'Walks', 'builder') returning id", [user])).rows[0]!.id;
    job = (await pg.query<{ id: string }>("insert into public.agent_jobs (project_id, user_id, agent_type, status) values ($1, $2, 'pipeline', 'completed') returning id", [project, user])).rows[0]!.id;
    await pg.query("insert into public.job_artifacts (job_id, user_id, stage, content) values ($1, $2, 'wireframe', $3)", [job, user, { output: {}, patterns: [{ id: edited, name: "Dog CRM", similarity: 0.4 }, { id: null, name: "library pattern without id" }] }]);
    files = [];
    for (const path of ["src/a.ts", "src/b.ts", "src/c.ts", "src/d.ts"]) {
      files.push((await pg.query<{ id: string; version: number }>("insert into public.project_files (project_id, path, content, language) values ($1, $2, 'export {}', 'typescript') returning id, version", [project, path])).rows[0]!);
    }
    await pg.query("select public.record_project_manifest($1, 'code', $2)", [project, job]);
  });

  /** The owner's save from the editor, committed (asActor rolls back). */
  const save = (index: number) =>
    pg.transaction(async (tx) => {
      await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: user, role: "authenticated" })]);
      const file = files[index]!;
      const saved = (await tx.query<{ saved: { version: number } }>("select public.save_project_file($1, $2, $3) as saved", [file.id, `// rewritten ${index}`, file.version])).rows[0]!.saved;
      file.version = saved.version;
    });
  const score = async () => (await pg.query<{ success_score: number }>("select success_score from public.pattern_embeddings where id = $1", [edited])).rows[0]!.success_score;
  const lowered = async () => (await pg.query<{ data: Record<string, unknown> }>("select data from public.job_events where job_id = $1 and type = 'pattern_score_lowered'", [job])).rows.map((r) => r.data);

  it("leaves the patterns alone while the owner changes less than half of the generated files", async () => {
    await save(0);
    expect(await score()).toBeCloseTo(0.9, 5);
    expect(await lowered()).toEqual([]);
  });

  it("lowers the score of the patterns it was built on once half is rewritten, with an event saying why", async () => {
    await save(1);
    expect(await score()).toBeCloseTo(0.8, 5);
    expect(await lowered()).toEqual([expect.objectContaining({ id: edited, cause: "edited", reason: "the owner rewrote 2 of the 4 files built on it" })]);
  });

  it("lowers it once per app, however much more is rewritten", async () => {
    await save(2);
    await save(3);
    expect(await score()).toBeCloseTo(0.8, 5);
    expect(await lowered()).toHaveLength(1);
  });
});
