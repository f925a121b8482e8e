/**
 * @module Benchmark: `npm start` from launch to "ready", on a new data directory
 * (cold) and on an existing one (warm). Cold is timed both without the machine's
 * initdb cache (the first start after `npm install`) and with it.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initdbTemplatePath } from "../local/db/initdb-template.ts";
import { ms, percentile, table } from "./stats.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 3;

/** Launches the stack as `npm start` does and resolves with the ms until it prints its ready line. */
function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts"], {
    cwd: root,
    env: { ...process.env, CODEFORGE_DATA_DIR: dataDir, CODEFORGE_PORT: String(port), CODEFORGE_DB_PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill("SIGKILL"), reject(new Error("start timed out"))), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("ready in")) return;
      const elapsed = performance.now() - started;
      clearTimeout(timer);
      child.once("exit", () => resolve(elapsed));
      child.kill("SIGINT");
    });
  });
}

const first: number[] = [];
const cold: number[] = [];
const warm: number[] = [];
for (let run = 0; run < RUNS; run++) {
  await rm(await initdbTemplatePath(), { force: true });
  const firstDir = await mkdtemp(join(tmpdir(), "codeforge-bench-start-"));
  first.push(await timeStart(firstDir, 54400 + run));
  const dataDir = await mkdtemp(join(tmpdir(), "codeforge-bench-start-"));
  cold.push(await timeStart(dataDir, 54400 + run));
  warm.push(await timeStart(dataDir, 54400 + run));
  await Promise.all([firstDir, dataDir].map((dir) => rm(dir, { recursive: true, force: true })));
}

console.log("\n### npm start to ready (whole process, tsx included)\n");
console.log(
  table(
    ["start", "p50", "max", "target"],
    [
      ["cold, no initdb cache (first start after install)", ms(percentile(first, 50)), ms(Math.max(...first)), "< 5000 ms"],
      ["cold (new data dir)", ms(percentile(cold, 50)), ms(Math.max(...cold)), "< 5000 ms"],
      ["warm (existing data)", ms(percentile(warm, 50)), ms(Math.max(...warm)), "—"],
    ],
  ),
);
