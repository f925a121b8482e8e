/** @module What the provider tests share: a fake server closed after each test, and the LlmError a call rejects with. */
import { afterEach } from "vitest";
import { isLlmError, type LlmError } from "../../shared/llm/index.ts";
import { startFakeServer, type FakeServer, type Reply } from "./fake-llm-server.ts";

let server: FakeServer | undefined;

/** Closes the test's fake server after each test of the file that calls it. */
export function closeFakesAfterEach(): void {
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
}

/** Starts this test's fake server, answering with `script`. */
export async function fake(script: Reply[]): Promise<FakeServer> {
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
