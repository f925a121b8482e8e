/** @module Set-up for the refactor tests: a project holding the clients app, and a refactor job run to its end through the function. */
import { expect } from "vitest";
import { CLIENTS_APP } from "../shared/clients-app.ts";
import { callFunction, type SignedInCaller } from "./api.ts";
import { pollFor } from "./poll.ts";
import type { TestStack } from "./stack.ts";

/** A project owned by `owner` with the clients app's files and a first manifest, as a code stage leaves it. */
export async function clientsProject(stack: TestStack, owner: SignedInCaller): Promise<string> {
  const { data: project } = await owner.client.from("projects").insert({ user_id: owner.userId, title: "Clients", mode: "builder" }).select().single().throwOnError();
  await owner.client.from("project_files").insert(CLIENTS_APP.map((file) => ({ project_id: project!.id, ...file }))).throwOnError();
  await stack.service().rpc("record_project_manifest", { p_project_id: project!.id, p_source: "code" }).throwOnError();
  return project!.id;
}

/** The job once it has finished. */
export function finishedJob(stack: TestStack, caller: SignedInCaller, jobId: string) {
  return pollFor(async () => {
    const job = await (await callFunction(stack, caller, "GET", `/jobs/${jobId}`)).json();
    return ["completed", "failed", "cancelled"].includes(job.status) ? job : undefined;
  }, `job ${jobId}`, 60_000);
}

/** Starts a refactor (202) and waits for its end. */
export async function refactor(stack: TestStack, caller: SignedInCaller, body: Record<string, unknown>) {
  const started = await callFunction(stack, caller, "POST", "/refactor", body);
  expect(started.status, JSON.stringify(await started.clone().json())).toBe(202);
  return finishedJob(stack, caller, (await started.json()).job_id);
}

/** The project's files by path. */
export async function filesOf(caller: SignedInCaller, projectId: string): Promise<Map<string, { content: string; version: number }>> {
  const { data } = await caller.client.from("project_files").select("path, content, version").eq("project_id", projectId).throwOnError();
  return new Map((data ?? []).map((row) => [row.path, { content: row.content ?? "", version: row.version }]));
}
