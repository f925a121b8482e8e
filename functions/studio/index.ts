/**
 * @module Edge Function `studio` (docs/architecture.md#studio-batch-media-generation): place an order (`POST /studio/orders`),
 * cancel one (`POST /studio/orders/:id/cancel`); internal, service role only:
 * store a provider's API key encrypted (`POST /studio/providers/:id/key`) and
 * run retention (`POST /studio/cleanup`, on a schedule).
 */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeStudio } from "./routes.ts";

Deno.serve(handler(routeStudio, edgeContext()));
