/**
 * @module `npm run forge -- reembed [--batch-size N]`: re-embeds the pattern library and the
 * documents with the embedding model the functions are configured with, one batch per call of
 * `POST /functions/v1/worker/reembed`, with a progress bar. Stopping loses nothing: the next run
 * re-embeds only the vectors another model made. Runs against the local stack (started here if it
 * is not running), or a hosted project given by SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY.
 */
import type { ReembedResponse } from "../shared/protocol/api-reembed.ts";
import type { z } from "zod";
import { configFromEnv } from "./config.ts";
import { loadOrCreateKeys } from "./keys.ts";
import { progressBar } from "./progress-bar.ts";
import { startStack, type LocalStack } from "./server.ts";

type Progress = z.infer<typeof ReembedResponse>;

/** The project to re-embed: a hosted one from the environment, else the local stack. */
async function target(): Promise<{ url: string; serviceRoleKey: string; stack?: LocalStack }> {
  if (process.env.SUPABASE_URL && process.env.SUPABASE_SERVICE_ROLE_KEY) {
    return { url: process.env.SUPABASE_URL.replace(/\/$/, ""), serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY };
  }
  const config = configFromEnv();
  const keys = await loadOrCreateKeys(config.dataDir);
  const url = `http://${config.host}:${config.port}`;
  if (await fetch(`${url}/auth/v1/health`).then(() => true, () => false)) return { url, serviceRoleKey: keys.serviceRoleKey };
  const stack = await startStack(config);
  return { url: stack.apiUrl, serviceRoleKey: keys.serviceRoleKey, stack };
}

export async function reembedCommand(batchSize: number): Promise<void> {
  const { url, serviceRoleKey, stack } = await target();
  try {
    const interactive = process.stdout.isTTY;
    let progress: Progress;
    do {
      const response = await fetch(`${url}/functions/v1/worker/reembed`, {
        method: "POST",
        headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, "content-type": "application/json" },
        body: JSON.stringify({ batch_size: batchSize, max_batches: 1 }),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(`${response.status} ${answer.code ?? ""}: ${answer.error ?? JSON.stringify(answer)}`);
      progress = answer as Progress;
      const line = `Re-embedding with ${progress.model} ${progressBar(progress.total ? progress.done / progress.total : 1)} ${progress.done}/${progress.total}`;
      if (interactive) process.stdout.write(`\r${line}`);
      else console.log(line);
    } while (!progress.finished);
    if (interactive) process.stdout.write("\n");
    console.log(`Every vector is ${progress.model}'s (${progress.total}).`);
  } finally {
    await stack?.close();
  }
}
