/** @module `npm start`: the local Supabase on 127.0.0.1:54321 with its URLs and keys printed. */
import { startStack } from "./server.ts";
import { statusLines } from "./status.ts";

const started = Date.now();
const stack = await startStack();
console.log(`CodeForge local stack ready in ${Date.now() - started} ms\n`);
console.log(statusLines(stack).join("\n"));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await stack.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
