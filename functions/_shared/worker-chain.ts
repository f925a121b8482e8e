/** @module Starts (or continues) a job's work in a fresh invocation of the `worker` function, one stage per call. */
import type { FunctionEnv } from "./context.ts";

/** Asks the worker function to run the job's next stage; resolves once the worker accepted the call. */
export async function kickWorker(env: FunctionEnv, jobId: string): Promise<void> {
  const response = await fetch(`${env.SUPABASE_URL}/functions/v1/worker`, {
    method: "POST",
    headers: {
      apikey: env.SUPABASE_ANON_KEY,
      authorization: `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ job_id: jobId }),
  });
  if (!response.ok) console.error(`worker refused job ${jobId}: ${response.status} ${await response.text()}`);
  else await response.body?.cancel();
}
