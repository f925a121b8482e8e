/** @module Finds TypeScript that writes agent_jobs directly instead of through the job engine's SQL functions. */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..", "..");
/** Where application code lives; tests and benches plant rows directly. */
const SOURCE_DIRS = ["functions", "shared", "local", "web/src"];

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "dist") yield* sourceFiles(path);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      yield path;
    }
  }
}

const FROM_AGENT_JOBS = /\.from\(\s*["'`]agent_jobs["'`]\s*\)/g;
const WRITE_CALL = /\.(insert|update|upsert|delete)\s*\(/;
const SQL_WRITE = /\b(insert\s+into|update|delete\s+from)\s+(public\.)?agent_jobs\b/gi;

/** The statements in `source` that write agent_jobs: supabase-js chains on `.from("agent_jobs")` and SQL text. */
export function agentJobWrites(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(FROM_AGENT_JOBS)) {
    const end = source.indexOf(";", match.index);
    const chain = source.slice(match.index, end === -1 ? undefined : end);
    if (WRITE_CALL.test(chain)) found.push(chain.replace(/\s+/g, " ").slice(0, 120));
  }
  for (const match of source.matchAll(SQL_WRITE)) found.push(match[0]);
  return found;
}

/** Every direct write of agent_jobs in the application's TypeScript, as "path: statement". */
export async function agentJobWritesInSources(): Promise<string[]> {
  const found: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for await (const file of sourceFiles(join(root, dir))) {
      for (const write of agentJobWrites(await readFile(file, "utf8"))) found.push(`${relative(root, file)}: ${write}`);
    }
  }
  return found;
}
