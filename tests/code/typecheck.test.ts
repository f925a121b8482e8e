/** @module `npm test` type-checks what vitest and Deno would otherwise run unchecked: the Node code and tests, the web app, and the Edge Functions against Deno's own types. */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDenoTypes } from "../../local/deno-types.ts";

const root = resolve(import.meta.dirname, "../..");
const tsc = resolve(root, "node_modules/.bin/tsc");

/** The compiler's errors for one project (empty when it compiles). */
async function errorsOf(project: string): Promise<string> {
  try {
    await promisify(execFile)(tsc, ["--noEmit", "-p", project], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return "";
  } catch (error) {
    return (error as { stdout?: string }).stdout || String(error);
  }
}

describe("the type checker", () => {
  beforeAll(() => writeDenoTypes());

  it.each(["tsconfig.json", "web/tsconfig.json", "tsconfig.functions.json"])("finds no error in %s", async (project) => {
    expect(await errorsOf(project)).toBe("");
  }, 600_000);
});
