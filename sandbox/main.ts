/**
 * @module The sandbox runner as its own process (the container's entry point): claims and runs
 * sandbox work of the Supabase project at SUPABASE_URL with SUPABASE_SERVICE_ROLE_KEY until SIGTERM.
 */
import { startSandboxRunner } from "./runner.ts";

const url = process.env.SUPABASE_URL;
const serviceRoleKey = process.env.SUPABASE_SERVICE_ROLE_KEY;
if (!url || !serviceRoleKey) {
  console.error("sandbox runner: set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY");
  process.exit(2);
}
const runner = startSandboxRunner({ url, serviceRoleKey, ...(process.env.RUNNER_NAME ? { name: process.env.RUNNER_NAME } : {}), log: (line) => console.log(line) });
console.log(`sandbox runner ${runner.name} claiming work from ${url}`);

async function stop(signal: string) {
  console.log(`${signal}: finishing the run in hand…`);
  await runner.stop();
  process.exit(0);
}
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
