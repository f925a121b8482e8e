import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, databaseWithProject, insertRow, type Actor } from "./harness.ts";

let pg: PGlite, owner: string, other: string;
let jobTopic: string;
let chatTopic: string;

beforeAll(async () => {
  let project: string;
  ({ pg, owner, other, project } = await databaseWithProject("Topics"));
  jobTopic = `job:${await insertRow(pg, "agent_jobs", { project_id: project, user_id: owner, agent_type: "pipeline" })}`;
  chatTopic = `chat:${await insertRow(pg, "chat_threads", { user_id: owner, title: "Topics" })}`;
});
afterAll(() => pg.close());

const as = (sub: string): Actor => ({ role: "authenticated", sub });

/** The extensions of the topic's rows `actor` can select, with realtime.topic() set as Realtime sets it. */
const readable = (actor: Actor, topic: string) =>
  asActor(
    pg,
    actor,
    async (tx) => {
      await tx.query("select set_config('realtime.topic', $1, true)", [topic]);
      return (await tx.query<{ extension: string }>("select extension from realtime.messages order by extension")).rows.map((row) => row.extension);
    },
    (tx) => tx.query("insert into realtime.messages (topic, extension) values ($1, 'broadcast'), ($1, 'presence')", [topic]),
  );

describe("realtime.messages policies", () => {
  it("let the owner read the broadcasts of their job and thread, and nothing of presence", async () => {
    expect(await readable(as(owner), jobTopic)).toEqual(["broadcast"]);
    expect(await readable(as(owner), chatTopic)).toEqual(["broadcast"]);
  });

  it("let nobody else read them, and nobody read a topic that is not a job or thread of theirs", async () => {
    for (const topic of [jobTopic, chatTopic]) {
      expect(await readable(as(other), topic)).toEqual([]);
      expect(await readable({ role: "anon" }, topic)).toEqual([]);
    }
    for (const topic of [`job:${randomUUID()}`, "job:not-a-uuid", `chat:${jobTopic.slice(4)}`, `job:${chatTopic.slice(5)}`, "job:", ""]) {
      expect(await readable(as(owner), topic)).toEqual([]);
    }
  });

  it("let no API user write to a topic (only the service role broadcasts)", async () => {
    await expect(
      asActor(pg, as(owner), async (tx) => {
        await tx.query("select set_config('realtime.topic', $1, true)", [jobTopic]);
        await tx.query("insert into realtime.messages (topic, extension) values ($1, 'broadcast')", [jobTopic]);
      }),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("read realtime.topic() as null when Realtime has not set it", async () => {
    expect(await asActor(pg, as(owner), async (tx) => (await tx.query("select realtime.topic() as topic")).rows[0])).toEqual({ topic: null });
  });
});
