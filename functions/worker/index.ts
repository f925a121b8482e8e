/**
 * @module Edge Function `worker` (internal, service role only): runs one stage of a
 * job per invocation and chains the next in a fresh invocation, so every call fits
 * the Edge Runtime's wall-clock limit. `POST /worker/sweep` requeues jobs whose
 * worker vanished, restarts queued ones and removes deleted rows' Storage objects (called on a schedule).
 * `POST /worker/reembed` re-embeds patterns and documents with the configured embedding model, a few batches per call.
 */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeWorker } from "./routes.ts";

Deno.serve(handler(routeWorker, edgeContext()));
