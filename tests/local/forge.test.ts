import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
let dataDir: string;
let outDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "codeforge-forge-"));
  // Inside the repo (git-ignored), so the generated app resolves react, vite and typescript from the repo's node_modules.
  outDir = join(root, ".codeforge", `forge-test-${process.pid}`);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

const run = (command: string, args: string[], cwd = root) =>
  spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, CODEFORGE_DATA_DIR: dataDir, CODEFORGE_PORT: String(55000 + (process.pid % 900)), CODEFORGE_DB_PORT: "0" },
  });

it("npm run forge -- <idea> --yes --out DIR writes an app that passed the sandbox, type-checks and builds", () => {
  const forge = run(process.execPath, ["--import", "tsx", "local/forge.ts", "a CRM for dog walkers", "--yes", "--out", outDir]);
  expect(forge.status, forge.stderr + forge.stdout).toBe(0);
  for (const stage of ["research", "wireframe", "code", "qa"]) expect(forge.stdout).toMatch(new RegExp(`${stage}\\s+\\[█{20}\\] done`));
  expect(forge.stdout).toMatch(/QA passed/);
  // The stack forge starts runs a sandbox runner: the app was run and tested before it was written.
  expect(forge.stdout).toMatch(/sandbox_tests_attempt_1\s+\[█{20}\] done/);
  expect(forge.stdout).toMatch(/^Tests: \d+ passed · \d+ routes render · green on the first run$/m);

  const typecheck = run(join(root, "node_modules/.bin/tsc"), ["--noEmit", "-p", join(outDir, "tsconfig.json")]);
  expect(typecheck.status, typecheck.stdout + typecheck.stderr).toBe(0);
  const build = run(join(root, "node_modules/.bin/vite"), ["build", outDir, "--logLevel", "error"]);
  expect(build.status, build.stdout + build.stderr).toBe(0);
}, 180_000);

it("wrote the app's entry points", async () => {
  const files = await readdir(outDir, { recursive: true });
  expect(files).toEqual(expect.arrayContaining(["package.json", "index.html", "vite.config.ts", join("src", "App.tsx"), join("src", "main.tsx")]));
  expect(await readdir(join(outDir, "dist"))).toContain("index.html");
});
