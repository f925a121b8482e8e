/** @module What the provider tests share: a fake server closed after each test, the LlmError a call rejects with, a valid requirements answer. */
import { afterEach } from "vitest";
import { isLlmError, type LlmError } from "../../shared/llm/index.ts";
import { startFakeServer, type FakeServer } from "./fake-llm-server.ts";

let server: FakeServer | undefined;

/** Closes the test's fake server after each test of the file that calls it. */
export function closeFakesAfterEach(): void {
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
}

/** Starts this test's fake server, answering with `script` (or what the function returns for each request). */
export async function fake(script: Parameters<typeof startFakeServer>[0]): Promise<FakeServer> {
  server = await startFakeServer(script);
  return server;
}

/** The LlmError a promise rejects with (fails the test on anything else). */
export async function llmError(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isLlmError(error)) throw new Error(`expected an LlmError, got ${String(error)}`);
  return error;
}

/** A valid `RequirementsDoc`, as a model would answer it. */
export const requirements = {
  app_name: "WalkCRM",
  elevator_pitch: "A CRM that keeps dog walkers' clients and walks in one place.",
  target_audience: [{ role: "Dog walker", goal: "Plan the day", pain_point: "Double bookings" }],
  core_features: [{ name: "Scheduling", description: "Book walks", priority: "must-have" }],
  recommended_stack: ["React", "Supabase"],
  technical_constraints: null,
};
