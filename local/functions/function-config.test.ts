/** @module Unit tests of the config.toml and dotenv readers of the functions host. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readFunctionsConfig, settingsOf } from "./function-config.ts";
import { readEnvFile } from "./function-env.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "codeforge-function-config-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it("reads verify_jwt, enabled, entrypoint and import_map from [functions.<name>] tables, paths relative to supabase/", async () => {
  const path = join(dir, "config.toml");
  await writeFile(
    path,
    [
      "[api]",
      "verify_jwt = false # not a function table",
      "[functions.run-agent]",
      'entrypoint = "../functions/run-agent/index.ts"',
      "import_map = '../functions/deno.json'",
      "[functions.\"stripe-webhook\"]",
      "verify_jwt = false   # called by Stripe",
      "[functions.old]",
      "enabled = false",
      "[edge_runtime]",
      "enabled = true",
    ].join("\n"),
  );
  const config = readFunctionsConfig(path);
  expect([...config.keys()]).toEqual(["run-agent", "stripe-webhook", "old"]);
  expect(settingsOf(config, "run-agent")).toEqual({
    verifyJwt: true,
    enabled: true,
    entrypoint: join(dir, "../functions/run-agent/index.ts"),
    importMap: join(dir, "../functions/deno.json"),
  });
  expect(settingsOf(config, "stripe-webhook")).toEqual({ verifyJwt: false, enabled: true });
  expect(settingsOf(config, "old").enabled).toBe(false);
  expect(settingsOf(config, "unlisted")).toEqual({ verifyJwt: true, enabled: true });
});

it("treats a missing config.toml as Supabase's defaults", () => {
  expect(settingsOf(readFunctionsConfig(join(dir, "missing.toml")), "any")).toEqual({ verifyJwt: true, enabled: true });
});

it("reads dotenv files, skipping the reserved SUPABASE_ names", async () => {
  const path = join(dir, ".env");
  await writeFile(path, 'OPENAI_API_KEY=sk-test\n# comment\nQUOTED="a b"\nSUPABASE_URL=http://elsewhere\n');
  expect(readEnvFile(path)).toEqual({ OPENAI_API_KEY: "sk-test", QUOTED: "a b" });
  expect(readEnvFile(join(dir, "missing.env"))).toEqual({});
});
