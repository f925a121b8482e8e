/**
 * A learning roadmap's locks follow the student's progress: finishing a
 * module's last step opens the next, and a student can neither open a module
 * by writing its lock nor skip steps to get there.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, createUser, databaseWithProject, freshDatabase, insertRow, type Actor } from "./harness.ts";

let pg: PGlite, owner: string, other: string, project: string;
let roadmap: string;

/** Three modules of 2, 1 and 2 steps: module 2 opens at step 2, module 3 at step 3. */
const MODULES = [
  { title: "Set up", steps: ["Install", "Run"], estimated_hours: 1 },
  { title: "Pages", steps: ["Route"], estimated_hours: 2 },
  { title: "Deploy", steps: ["Build", "Ship"], estimated_hours: 1 },
];

beforeAll(async () => ({ pg, owner, other, project } = await databaseWithProject("Learn", "student")));
afterAll(() => pg.close());
beforeEach(async () => {
  roadmap = await insertRow(pg, "learning_roadmaps", { project_id: project, modules: JSON.stringify(MODULES) });
});

const student: () => Actor = () => ({ role: "authenticated", sub: owner });
const locks = async () =>
  (await pg.query<{ locks: boolean[] }>("select array(select (m ->> 'is_locked')::boolean from jsonb_array_elements(modules) m) as locks from public.learning_roadmaps where id = $1", [roadmap])).rows[0]!.locks;
/**
 * The locks after `actor` moves the progress from `from` (set first by the
 * superuser) to `to`, or null when RLS hid the row; rolled back, as every asActor call.
 */
async function step(actor: Actor, from: number, to: number): Promise<boolean[] | null> {
  const { rows } = await asActor(
    pg, actor,
    (tx) => tx.query<{ modules: { is_locked: boolean }[] }>("update public.learning_roadmaps set current_step_index = $2 where id = $1 returning modules", [roadmap, to]),
    (tx) => tx.query("update public.learning_roadmaps set current_step_index = $2 where id = $1", [roadmap, from]),
  );
  return rows[0] ? rows[0].modules.map((m) => m.is_locked) : null;
}

describe("locks derived from progress", () => {
  it("locks every module but the first on a new roadmap, whatever the writer says", async () => {
    expect(await locks()).toEqual([false, true, true]);
    const forged = MODULES.map((m) => ({ ...m, is_locked: false }));
    const id = await insertRow(pg, "learning_roadmaps", { project_id: project, modules: JSON.stringify(forged) });
    const { rows } = await pg.query<{ modules: { is_locked: boolean }[] }>("select modules from public.learning_roadmaps where id = $1", [id]);
    expect(rows[0]!.modules.map((m) => m.is_locked)).toEqual([false, true, true]);
  });

  it("opens the next module when the student finishes the last step of the one before", async () => {
    expect(await step(student(), 0, 1)).toEqual([false, true, true]);
    expect(await step(student(), 1, 2)).toEqual([false, false, true]);
    expect(await step(student(), 2, 3)).toEqual([false, false, false]);
    expect(await step(student(), 4, 5)).toEqual([false, false, false]);
    await expect(step(student(), 5, 6)).rejects.toMatchObject({ code: "22023", message: expect.stringContaining("outside the roadmap's 5 steps") });
  });

  it("lets the service role set any progress within the roadmap, and derives the locks from it", async () => {
    await pg.query("set role service_role");
    try {
      await pg.query("update public.learning_roadmaps set current_step_index = 3 where id = $1", [roadmap]);
      await pg.query("update public.learning_roadmaps set current_step_index = 0 where id = $1", [roadmap]);
    } finally {
      await pg.query("reset role");
    }
    expect(await locks()).toEqual([false, true, true]);
  });
});

describe("what a student may not do", () => {
  it("skips steps or goes back: 22023", async () => {
    await expect(step(student(), 0, 3)).rejects.toMatchObject({ code: "22023", message: expect.stringContaining("one finished step at a time") });
    await expect(step(student(), 2, 1)).rejects.toMatchObject({ code: "22023" });
    expect(await locks()).toEqual([false, true, true]);
  });

  it("writes the locks (modules), title, level or hours: a privilege error", async () => {
    const open = JSON.stringify(MODULES.map((m) => ({ ...m, is_locked: false })));
    for (const [column, value] of [["modules", open], ["title", "Forged"], ["skill_level", "advanced"], ["total_estimated_hours", 1]] as const) {
      await expect(asActor(pg, student(), (tx) => tx.query(`update public.learning_roadmaps set ${column} = $2 where id = $1`, [roadmap, value]))).rejects.toMatchObject({ code: "42501" });
    }
    expect(await locks()).toEqual([false, true, true]);
  });

  it("still cannot open a module with the table-wide grant back: the guard refuses, and without the guard the locks are derived again", async () => {
    const changed = await freshDatabase();
    try {
      const user = await createUser(changed);
      const mine = await insertRow(changed, "projects", { user_id: user, title: "Mine", mode: "student" });
      const id = await insertRow(changed, "learning_roadmaps", { project_id: mine, modules: JSON.stringify(MODULES) });
      const open = JSON.stringify(MODULES.map((m) => ({ ...m, is_locked: false })));
      const forge = () => asActor(changed, { role: "authenticated", sub: user }, (tx) =>
        tx.query<{ modules: { is_locked: boolean }[] }>("update public.learning_roadmaps set modules = $2 where id = $1 returning modules", [id, open]));
      await changed.exec("grant insert, update on public.learning_roadmaps to authenticated");
      await expect(forge()).rejects.toMatchObject({ code: "42501", message: expect.stringContaining("Only current_step_index") });
      await expect(asActor(changed, { role: "authenticated", sub: user }, (tx) =>
        tx.query("insert into public.learning_roadmaps (project_id, modules, current_step_index) values ($1, $2, 5)", [mine, open]))).rejects.toMatchObject({ code: "42501" });
      await changed.exec("drop trigger learning_roadmaps_owner_columns on public.learning_roadmaps");
      const { rows } = await forge();
      expect(rows[0]!.modules.map((m) => m.is_locked)).toEqual([false, true, true]);
    } finally {
      await changed.close();
    }
  });

  it("moves another student's roadmap on: no row", async () => {
    expect(await step({ role: "authenticated", sub: other }, 0, 1)).toBeNull();
  });

  it("creates a roadmap: a privilege error", async () => {
    await expect(asActor(pg, student(), (tx) => tx.query("insert into public.learning_roadmaps (project_id, modules) values ($1, '[]')", [project]))).rejects.toMatchObject({ code: "42501" });
  });
});

describe("the roadmap stage", () => {
  it("stores the roadmap's title, description, level and total hours with its modules, locked", async () => {
    const job = await insertRow(pg, "agent_jobs", { project_id: project, user_id: owner, agent_type: "roadmap" });
    await pg.query("select * from public.claim_agent_job($1, 'w', 60)", [job]);
    const effects = { roadmap: { title: "Build Learn", description: "An advanced path", skill_level: "advanced", modules: MODULES, total_estimated_hours: 4 } };
    await pg.query("select public.complete_agent_job_stage($1, 'w', 'roadmap', '{}', 100, $2)", [job, effects]);
    const { rows } = await pg.query<Record<string, unknown>>(
      "select title, description, skill_level, total_estimated_hours::float as hours, current_step_index, modules from public.learning_roadmaps where project_id = $1 and title is not null",
      [project],
    );
    expect(rows).toEqual([{
      title: "Build Learn", description: "An advanced path", skill_level: "advanced", hours: 4, current_step_index: 0,
      modules: MODULES.map((m, i) => ({ ...m, is_locked: i > 0 })),
    }]);
  });
});
