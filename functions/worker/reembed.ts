/** @module POST /worker/reembed (service role only): re-embeds a few batches of stale vectors with the configured embedder and answers the progress; call again until `finished`. */
import { embedderFromEnv } from "../../shared/embeddings/embedder.ts";
import { reembed, supabaseReembedStore } from "../../shared/embeddings/reembed.ts";
import { ReembedRequest } from "../../shared/protocol/api-reembed.ts";
import { serviceClient, type FunctionContext } from "../_shared/context.ts";
import { json, parse, readJson } from "../_shared/http.ts";

export async function reembedRoute(request: Request, { env }: FunctionContext): Promise<Response> {
  const body = parse(ReembedRequest, await readJson(request));
  const progress = await reembed(supabaseReembedStore(serviceClient(env)), embedderFromEnv(env), { batchSize: body.batch_size, maxBatches: body.max_batches });
  return json(progress);
}
