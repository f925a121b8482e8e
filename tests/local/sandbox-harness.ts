/** @module A sandbox runner beside a test stack, as `local/start.ts` runs one beside the local stack. */
import { Sandbox } from "../../sandbox/index.ts";
import { startSandboxRunner } from "../../sandbox/runner.ts";
import type { TestStack } from "./stack.ts";

/** A runner polling `stack` for sandbox runs every 200 ms, in its own sandbox (60 s a run); `close()` stops the runner, then the sandbox. */
export function startRunner(stack: TestStack): { close(): Promise<void> } {
  const sandbox = new Sandbox({ timeoutMs: 60_000 });
  const runner = startSandboxRunner({ url: stack.apiUrl, serviceRoleKey: stack.keys.serviceRoleKey, sandbox, pollMs: 200 });
  return {
    async close() {
      await runner.stop();
      await sandbox.close();
    },
  };
}
