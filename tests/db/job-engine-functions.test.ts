import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, databaseWithUsers, insertRow } from "./harness.ts";

let pg: PGlite, owner: string;
let project: string;
let job: string;

beforeAll(async () => ({ pg, owner } = await databaseWithUsers()));
afterAll(() => pg.close());
beforeEach(async () => {
  project = await insertRow(pg, "projects", { user_id: owner, title: "Jobs", mode: "builder" });
  job = await insertRow(pg, "agent_jobs", { project_id: project, user_id: owner, agent_type: "pipeline" });
});

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await pg.query<T>(sql, params)).rows[0]!;
}
const claim = (worker: string) =>
  pg.query<{ id: string; attempts: number; status: string }>("select * from public.claim_agent_job($1, $2, 60)", [job, worker]);
const complete = (worker: string, stage: string, effects: unknown = {}, usage: unknown = null) =>
  one<{ ok: boolean }>("select public.complete_agent_job_stage($1, $2, $3, $4, $5, $6, $7) as ok", [
    job, worker, stage, { stage }, 25, effects, usage,
  ]).then((row) => row.ok);
const expireLease = () => pg.query("update public.agent_jobs set lease_expires_at = now() - interval '1 second' where id = $1", [job]);
const jobRow = () =>
  one<{ status: string; attempts: number; completed_stages: string[]; progress: number; usage: Record<string, number>; error: string | null }>(
    "select * from public.agent_jobs where id = $1", [job],
  );
const events = async () =>
  (await pg.query<{ type: string | null; message: string | null }>("select type, message from public.job_events where job_id = $1 order by seq", [job])).rows;

describe("claim_agent_job", () => {
  it("hands a queued job to exactly one worker", async () => {
    expect((await claim("a")).rows).toHaveLength(1);
    expect((await claim("b")).rows).toHaveLength(0);
    expect(await jobRow()).toMatchObject({ status: "running", attempts: 0 });
  });

  it("hands a job whose lease expired to another worker, counting the attempt", async () => {
    await claim("a");
    await expireLease();
    expect((await claim("b")).rows[0]).toMatchObject({ attempts: 1 });
  });

  it("hands a job between stages (lease released) on without counting an attempt", async () => {
    await claim("a");
    await complete("a", "research");
    expect((await claim("b")).rows[0]).toMatchObject({ attempts: 0 });
  });

  it("refuses a job that used up its attempts", async () => {
    await pg.query("update public.agent_jobs set max_attempts = 1, attempts = 1 where id = $1", [job]);
    expect((await claim("a")).rows).toHaveLength(0);
  });
});

describe("complete_agent_job_stage", () => {
  it("writes the stage's outputs, artifact, progress, usage and event together", async () => {
    await claim("w");
    const effects = {
      project: { requirements_spec: { app_name: "Dog CRM" }, status: "in-progress", tech_stack: ["react"] },
      files: [{ path: "src/App.tsx", content: "export {}", language: "typescript" }],
    };
    expect(await complete("w", "research", effects, { input_tokens: 10, output_tokens: 5, cost_usd: 0.001 })).toBe(true);
    expect(await one("select requirements_spec, status, tech_stack from public.projects where id = $1", [project])).toEqual({
      requirements_spec: { app_name: "Dog CRM" }, status: "in-progress", tech_stack: ["react"],
    });
    expect(await one("select path, version from public.project_files where project_id = $1", [project])).toEqual({ path: "src/App.tsx", version: 1 });
    expect(await one("select stage, content from public.job_artifacts where job_id = $1", [job])).toEqual({ stage: "research", content: { stage: "research" } });
    expect(await jobRow()).toMatchObject({ completed_stages: ["research"], progress: 25, usage: { input_tokens: 10, output_tokens: 5, cost_usd: 0.001 } });
    expect(await events()).toEqual([{ type: "stage_completed", message: null }]);
  });

  it("removes the files a stage names in removed_files, in the same manifest as the files it writes, and only in its project", async () => {
    const other = await insertRow(pg, "projects", { user_id: owner, title: "Other", mode: "builder" });
    await insertRow(pg, "project_files", { project_id: other, path: "src/pages/RecipesPage.tsx", content: "x", language: "typescript" });
    await claim("w");
    const files = ["src/App.tsx", "src/pages/RecipesPage.tsx", "src/pages/RecipesPage.test.tsx"].map((path) => ({ path, content: `// ${path}`, language: "typescript" }));
    expect(await complete("w", "code", { files })).toBe(true);
    await claim("w");
    const fix = { files: [{ path: "src/App.tsx", content: "// no recipes", language: "typescript" }], removed_files: ["src/pages/RecipesPage.tsx", "src/pages/RecipesPage.test.tsx"], manifest_source: "reviewer_pass_1" };
    expect(await complete("w", "reviewer_pass_1", fix)).toBe(true);
    const paths = async (id: string) => (await pg.query<{ path: string }>("select path from public.project_files where project_id = $1 order by path", [id])).rows.map((r) => r.path);
    expect(await paths(project)).toEqual(["src/App.tsx"]);
    expect(await paths(other)).toEqual(["src/pages/RecipesPage.tsx"]);
    const manifest = await one<{ source: string; file_count: number }>("select source, file_count from public.project_manifests where project_id = $1 order by version desc limit 1", [project]);
    expect(manifest).toEqual({ source: "reviewer_pass_1", file_count: 1 });
  });

  it("never records a stage twice", async () => {
    await claim("w");
    expect(await complete("w", "research")).toBe(true);
    await claim("w");
    expect(await complete("w", "research")).toBe(false);
    expect((await one<{ n: number }>("select count(*)::int as n from public.job_artifacts where job_id = $1", [job])).n).toBe(1);
  });

  it("refuses a worker that lost the job", async () => {
    await claim("a");
    await expireLease();
    await claim("b");
    expect(await complete("a", "research")).toBe(false);
    expect((await jobRow()).completed_stages).toEqual([]);
  });

  it("writes nothing when one of the outputs is invalid", async () => {
    await claim("w");
    const effects = { project: { requirements_spec: { ok: true } }, files: [{ content: "no path" }] };
    await expect(complete("w", "research", effects)).rejects.toMatchObject({ code: "23502" });
    expect((await one<{ requirements_spec: unknown }>("select requirements_spec from public.projects where id = $1", [project])).requirements_spec).toBeNull();
    expect((await jobRow()).completed_stages).toEqual([]);
    expect(await events()).toEqual([]);
  });

  it("bumps a file's version only when its content changed", async () => {
    await claim("w");
    const file = { path: "a.ts", content: "1", language: "typescript" };
    await complete("w", "code", { files: [file] });
    await claim("w");
    await complete("w", "qa_fix_1", { files: [file, { ...file, path: "b.ts" }] });
    await claim("w");
    await complete("w", "qa_fix_2", { files: [{ ...file, content: "2" }] });
    const { rows } = await pg.query("select path, version from public.project_files where project_id = $1 order by path", [project]);
    expect(rows).toEqual([{ path: "a.ts", version: 2 }, { path: "b.ts", version: 1 }]);
  });
});

describe("finish_agent_job", () => {
  it("completes with the result and releases the lease", async () => {
    await claim("w");
    const { ok } = await one<{ ok: boolean }>("select public.finish_agent_job($1, 'w', 'completed', '{\"passed\": true}') as ok", [job]);
    expect(ok).toBe(true);
    expect(await one("select status, progress, result, leased_by, completed_at is not null as done from public.agent_jobs where id = $1", [job]))
      .toEqual({ status: "completed", progress: 100, result: { passed: true }, leased_by: null, done: true });
  });

  it("adds what the step's unrecorded model calls cost to the job's usage", async () => {
    await claim("w");
    const usage = '{"input_tokens": 30, "output_tokens": 12, "cost_usd": 0.25}';
    expect((await one<{ ok: boolean }>("select public.finish_agent_job($1, 'w', 'failed', null, 'research: invalid', $2) as ok", [job, usage])).ok).toBe(true);
    expect(await one("select usage from public.agent_jobs where id = $1", [job])).toEqual({ usage: { input_tokens: 30, output_tokens: 12, cost_usd: 0.25 } });
  });

  it("refuses a worker that does not hold the job and a status it may not set", async () => {
    await claim("w");
    expect((await one<{ ok: boolean }>("select public.finish_agent_job($1, 'other', 'completed') as ok", [job])).ok).toBe(false);
    await expect(pg.query("select public.finish_agent_job($1, 'w', 'cancelled')", [job])).rejects.toMatchObject({ code: "22023" });
  });
});

describe("sweep_agent_jobs", () => {
  it("requeues a job whose worker vanished, then fails it after max_attempts", async () => {
    await pg.query("update public.agent_jobs set max_attempts = 2 where id = $1", [job]);
    await claim("a");
    await expireLease();
    await pg.query("select * from public.sweep_agent_jobs()");
    expect((await jobRow()).status).toBe("queued");
    await claim("b");
    await expireLease();
    await pg.query("select * from public.sweep_agent_jobs()");
    const row = await jobRow();
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/stopped responding 2 times/);
    expect((await events()).map((e) => e.type ?? "log")).toEqual(["log", "job_failed"]);
  });

  it("leaves jobs with a live lease alone", async () => {
    await claim("a");
    await pg.query("select * from public.sweep_agent_jobs()");
    expect((await jobRow()).status).toBe("running");
  });
});

/** Runs `sql` with an event writer that fails, in a transaction rolled back afterwards; answers what the job row looked like then. */
async function withFailingEvents(sql: string): Promise<{ error: unknown; status: string }> {
  let outcome!: { error: unknown; status: string };
  await pg.transaction(async (tx) => {
    await tx.exec(`create function pg_temp.refuse() returns trigger language plpgsql as $$ begin raise exception 'event store down'; end $$;
      create trigger refuse before insert on public.job_events for each row execute function pg_temp.refuse();`);
    let error: unknown = null;
    await tx.exec("savepoint call");
    try {
      await tx.query(sql, [job]);
    } catch (failure) {
      error = failure;
      await tx.exec("rollback to savepoint call");
    }
    outcome = { error, status: (await tx.query<{ status: string }>("select status from public.agent_jobs where id = $1", [job])).rows[0]!.status };
    await tx.rollback();
  });
  return outcome;
}

describe("create_agent_job", () => {
  it("queues the job with its job_queued event", async () => {
    const { id } = await one<{ id: string }>("select public.create_agent_job($1, $2, 'research', $3, $4) as id", [project, owner, { a: 1 }, { max_tokens: 5 }]);
    expect(await one("select status, agent_type, params, budget from public.agent_jobs where id = $1", [id])).toEqual({
      status: "queued", agent_type: "research", params: { a: 1 }, budget: { max_tokens: 5 },
    });
    expect((await pg.query("select seq, type, data from public.job_events where job_id = $1", [id])).rows).toEqual([
      { seq: 1, type: "job_queued", data: { agent_type: "research" } },
    ]);
  });

  it("creates no job when its event cannot be written", async () => {
    const before = await one<{ n: number }>("select count(*)::int as n from public.agent_jobs");
    await expect(
      pg.transaction(async (tx) => {
        await tx.exec(`create function pg_temp.refuse() returns trigger language plpgsql as $$ begin raise exception 'event store down'; end $$;
          create trigger refuse before insert on public.job_events for each row execute function pg_temp.refuse();`);
        await tx.query("select public.create_agent_job($1, $2, 'research')", [project, owner]);
      }),
    ).rejects.toThrow("event store down");
    expect(await one<{ n: number }>("select count(*)::int as n from public.agent_jobs")).toEqual(before);
  });
});

describe("cancel_agent_job", () => {
  it("cancels an unfinished job once, with one job_cancelled event", async () => {
    await claim("a");
    expect(await one("select public.cancel_agent_job($1) as status", [job])).toEqual({ status: "cancelled" });
    expect(await one("select public.cancel_agent_job($1) as status", [job])).toEqual({ status: null });
    expect(await jobRow()).toMatchObject({ status: "cancelled" });
    expect((await events()).map((e) => e.type)).toEqual(["job_cancelled"]);
  });

  it("leaves the job as it was when its event cannot be written", async () => {
    const { error, status } = await withFailingEvents("select public.cancel_agent_job($1)");
    expect(String(error)).toContain("event store down");
    expect(status).toBe("queued");
  });
});

describe("respond_agent_job", () => {
  const waiting = (result: unknown) =>
    pg.query("update public.agent_jobs set status = 'waiting_for_input', result = $2 where id = $1", [job, result]);
  const answer = (answers: unknown) => one<{ status: string | null }>("select public.respond_agent_job($1, $2) as status", [job, answers]);

  it("requeues with the answers, and cancels on \"stop\" to a retry pause", async () => {
    await waiting({ questions: [{ id: "q", question: "Who?" }] });
    expect(await answer([{ question_id: "q", answer: "walkers" }])).toEqual({ status: "queued" });
    expect(await one("select status, result, params from public.agent_jobs where id = $1", [job])).toEqual({
      status: "queued", result: null, params: { answers: [{ question_id: "q", answer: "walkers" }] },
    });
    await waiting({ reason: "retry", questions: [{ id: "retry", question: "Again?" }] });
    expect(await answer([{ question_id: "retry", answer: "stop" }])).toEqual({ status: "cancelled" });
    expect((await events()).map((e) => e.type)).toEqual(["clarification_answered", "clarification_answered", "job_cancelled"]);
  });

  it("answers null to a job that is not waiting, and refuses answers that are not an array", async () => {
    expect(await answer([])).toEqual({ status: null });
    await waiting({ questions: [] });
    await expect(answer({ q: "x" })).rejects.toMatchObject({ code: "22023" });
  });

  it("leaves the job waiting when its event cannot be written", async () => {
    await waiting({ questions: [{ id: "q", question: "Who?" }] });
    const { error, status } = await withFailingEvents(`select public.respond_agent_job($1, '[{"question_id": "q", "answer": "x"}]')`);
    expect(String(error)).toContain("event store down");
    expect(status).toBe("waiting_for_input");
  });
});

describe("who may call the engine", () => {
  it.each([
    "claim_agent_job($1, 'x', 60)", "sweep_agent_jobs()", "finish_agent_job($1, 'x', 'completed')",
    "cancel_agent_job($1)", "respond_agent_job($1, '[]')", "create_agent_job(gen_random_uuid(), gen_random_uuid(), 'research')",
  ])(
    "denies signed-in users %s",
    async (call) => {
      const params = call.includes("$1") ? [job] : [];
      await expect(
        asActor(pg, { role: "authenticated", sub: owner }, (tx) => tx.query(`select public.${call}`, params)),
      ).rejects.toMatchObject({ code: "42501" });
    },
  );
});
