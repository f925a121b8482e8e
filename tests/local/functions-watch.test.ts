/** @module The functions host restarts a function when its code changes (watch), and closes its processes with the stack. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFunctionsStack } from "./functions-harness.ts";
import type { TestStack } from "./stack.ts";

let stack: TestStack;
let dir: string;
const source = (version: string) => `Deno.serve(() => Response.json({ version: "${version}", pid: Deno.pid }));\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "codeforge-functions-watch-"));
  await mkdir(join(dir, "hello"));
  await writeFile(join(dir, "hello", "index.ts"), source("v1"));
  stack = await startFunctionsStack({ dir, configPath: join(dir, "missing-config.toml"), watch: true });
});
afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

const hello = async () => {
  const response = await fetch(`${stack.apiUrl}/functions/v1/hello`, {
    headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${stack.keys.anonKey}` },
  });
  return (await response.json()) as { version: string; pid: number };
};

it("serves the new code after the function's file changes", async () => {
  const first = await hello();
  expect(first.version).toBe("v1");
  expect((await hello()).pid).toBe(first.pid); // kept warm

  await writeFile(join(dir, "hello", "index.ts"), source("v2"));
  let next = first;
  for (const deadline = Date.now() + 5000; next.version !== "v2" && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    next = await hello();
  }
  expect(next.version).toBe("v2");
  expect(next.pid).not.toBe(first.pid);
});

it("kills the function's process when the stack closes", async () => {
  const { pid } = await hello();
  await stack.close();
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect(alive()).toBe(false);
  stack = undefined as unknown as TestStack;
});
