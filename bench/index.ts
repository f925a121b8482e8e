/** @module `npm run bench`: runs every benchmark in its own process, one after another, and prints their tables. */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((file) => file.endsWith(".ts") && !["index.ts", "stats.ts"].includes(file))
  .filter((file) => only.length === 0 || only.includes(file.replace(/\.ts$/, "")));

let failed = 0;
for (const file of benches) {
  const { status } = spawnSync(process.execPath, ["--import", "tsx", `${dir}${file}`], { stdio: "inherit" });
  if (status !== 0) {
    failed++;
    console.error(`bench ${file} exited with ${status}`);
  }
}
process.exit(failed ? 1 : 0);
