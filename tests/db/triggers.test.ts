import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { createUser, databaseWithProject, insertRow } from "./harness.ts";

let pg: PGlite, owner: string, project: string;
beforeAll(async () => ({ pg, owner, project } = await databaseWithProject("Dog CRM")));
afterAll(() => pg.close());

// now() is the transaction start, so each statement below runs in its own transaction.
async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await pg.query<T>(sql, params);
  return rows[0]!;
}
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

async function newJob(status = "queued"): Promise<string> {
  return insertRow(pg, "agent_jobs", { project_id: project, user_id: owner, agent_type: "research", status });
}
type Stamps = { started_at: Date | null; completed_at: Date | null };
const stamps = (id: string) => one<Stamps>("select started_at, completed_at from public.agent_jobs where id = $1", [id]);
const setStatus = (id: string, status: string) =>
  pg.query("update public.agent_jobs set status = $2 where id = $1", [id, status]);

describe("updated_at", () => {
  it.each([
    ["profiles", "full_name", () => owner],
    ["projects", "title", () => project],
  ])("moves forward on an update of %s", async (table, column, id) => {
    const before = await one<{ updated_at: Date }>(`select updated_at from public.${table} where id = $1`, [id()]);
    await pause();
    await pg.query(`update public.${table} set ${column} = 'changed' where id = $1`, [id()]);
    const after = await one<{ updated_at: Date }>(`select updated_at from public.${table} where id = $1`, [id()]);
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
  });

  it("moves forward on an update of project_files and leaves created_at alone", async () => {
    const file = await insertRow(pg, "project_files", { project_id: project, path: "a.ts", content: "1" });
    const before = await one<{ created_at: Date; updated_at: Date }>(
      "select created_at, updated_at from public.project_files where id = $1",
      [file],
    );
    await pause();
    await pg.query("update public.project_files set content = '2', version = version + 1 where id = $1", [file]);
    const after = await one<{ created_at: Date; updated_at: Date; version: number }>(
      "select created_at, updated_at, version from public.project_files where id = $1",
      [file],
    );
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    expect(after.created_at).toEqual(before.created_at);
    expect(after.version).toBe(2);
  });
});

describe("agent_jobs status timestamps", () => {
  it("leaves both stamps empty while queued", async () => {
    expect(await stamps(await newJob())).toEqual({ started_at: null, completed_at: null });
  });

  it("sets started_at on the move to running, exactly once", async () => {
    const job = await newJob();
    await setStatus(job, "running");
    const first = (await stamps(job)).started_at;
    expect(first).toBeInstanceOf(Date);
    await pause();
    await setStatus(job, "waiting_for_input");
    await setStatus(job, "running");
    expect((await stamps(job)).started_at).toEqual(first);
  });

  it("sets started_at when a job is inserted already running", async () => {
    expect((await stamps(await newJob("running"))).started_at).toBeInstanceOf(Date);
  });

  it.each(["completed", "failed", "cancelled"])("sets completed_at on the move to %s", async (status) => {
    const job = await newJob();
    await setStatus(job, "running");
    expect((await stamps(job)).completed_at).toBeNull();
    await setStatus(job, status);
    const { started_at, completed_at } = await stamps(job);
    expect(completed_at).toBeInstanceOf(Date);
    expect(completed_at!.getTime()).toBeGreaterThanOrEqual(started_at!.getTime());
  });

  it("does not set completed_at on waiting_for_input", async () => {
    const job = await newJob();
    await setStatus(job, "running");
    await setStatus(job, "waiting_for_input");
    expect((await stamps(job)).completed_at).toBeNull();
  });

  it("clears completed_at when a finished job is requeued", async () => {
    const job = await newJob();
    await setStatus(job, "failed");
    await setStatus(job, "queued");
    expect((await stamps(job)).completed_at).toBeNull();
  });

  it("keeps completed_at when an unrelated column changes", async () => {
    const job = await newJob();
    await setStatus(job, "completed");
    const { completed_at } = await stamps(job);
    await pause();
    await pg.query("update public.agent_jobs set progress = 100 where id = $1", [job]);
    expect((await stamps(job)).completed_at).toEqual(completed_at);
  });
});

describe("CHECK constraints", () => {
  it("rejects an unknown project status, naming the constraint", async () => {
    await expect(pg.query("update public.projects set status = 'done' where id = $1", [project])).rejects.toMatchObject({
      code: "23514",
      constraint: "projects_status_check",
    });
  });

  it.each(["planning", "in-progress", "building", "completed", "archived"])("accepts project status %s", async (status) => {
    await pg.query("update public.projects set status = $2 where id = $1", [project, status]);
    expect((await one<{ status: string }>("select status from public.projects where id = $1", [project])).status).toBe(status);
  });

  it("rejects an unknown job status", async () => {
    await expect(newJob("paused-forever")).rejects.toMatchObject({ code: "23514", constraint: "agent_jobs_status_check" });
  });

  it("rejects an unknown project mode and skill level", async () => {
    await expect(insertRow(pg, "projects", { user_id: owner, title: "x", mode: "teacher" })).rejects.toMatchObject({
      code: "23514",
    });
    await expect(pg.query("update public.profiles set skill_level = 'guru' where id = $1", [owner])).rejects.toMatchObject({
      code: "23514",
    });
  });

  it("rejects a second file with the same path in one project", async () => {
    await insertRow(pg, "project_files", { project_id: project, path: "dup.ts", content: "" });
    await expect(insertRow(pg, "project_files", { project_id: project, path: "dup.ts", content: "" })).rejects.toMatchObject({
      code: "23505",
    });
  });
});

describe("profiles on sign-up", () => {
  it("creates a profile with the metadata's name when an auth user is inserted", async () => {
    const { rows } = await pg.query<{ id: string }>(
      `insert into auth.users (id, email, raw_user_meta_data) values (gen_random_uuid(), 'ann@example.test', '{"full_name":"Ann Walker"}') returning id`,
    );
    const profile = await one<{ full_name: string }>("select full_name from public.profiles where id = $1", [rows[0]!.id]);
    expect(profile.full_name).toBe("Ann Walker");
  });

  it("removes the user's projects and jobs when the auth user is deleted", async () => {
    const user = await createUser(pg);
    const p = await insertRow(pg, "projects", { user_id: user, title: "t", mode: "builder" });
    await insertRow(pg, "agent_jobs", { project_id: p, user_id: user, agent_type: "qa" });
    await pg.query("delete from auth.users where id = $1", [user]);
    const { n } = await one<{ n: number }>(
      "select (select count(*) from public.projects where user_id = $1) + (select count(*) from public.agent_jobs where user_id = $1) as n",
      [user],
    );
    expect(Number(n)).toBe(0);
  });
});

describe("job_events numbering", () => {
  it("numbers each job's events 1, 2, 3 … independently and copies the owner", async () => {
    const first = await newJob();
    const second = await newJob();
    for (const job of [first, second, first, first, second]) {
      await pg.query("insert into public.job_events (job_id, kind, type) values ($1, 'event', 'stage_started')", [job]);
    }
    const { rows } = await pg.query<{ job_id: string; seq: number; user_id: string }>(
      "select job_id, seq, user_id from public.job_events where job_id in ($1, $2) order by id",
      [first, second],
    );
    expect(rows.map((row) => [row.job_id === first ? "first" : "second", row.seq])).toEqual([
      ["first", 1], ["second", 1], ["first", 2], ["first", 3], ["second", 2],
    ]);
    expect(rows.every((row) => row.user_id === owner)).toBe(true);
  });

  it("ignores a seq or user_id the writer supplies", async () => {
    const job = await newJob();
    const stranger = await createUser(pg);
    await pg.query(
      "insert into public.job_events (job_id, user_id, seq, kind, level, message) values ($1, $2, 99, 'log', 'info', 'x')",
      [job, stranger],
    );
    const event = await one<{ seq: number; user_id: string }>("select seq, user_id from public.job_events where job_id = $1", [job]);
    expect(event).toEqual({ seq: 1, user_id: owner });
  });

  it("rejects an event for a job that does not exist, and a log line without a level", async () => {
    await expect(
      pg.query("insert into public.job_events (job_id, kind, type) values (gen_random_uuid(), 'event', 'x')"),
    ).rejects.toMatchObject({ code: "P0002" });
    await expect(
      pg.query("insert into public.job_events (job_id, kind, message) values ($1, 'log', 'no level')", [await newJob()]),
    ).rejects.toMatchObject({ code: "23514" });
  });
});
