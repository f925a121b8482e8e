/** @module Edge Function `jobs`: status, SSE stream, respond, list and cancel (docs/api.md). */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeJobs } from "./routes.ts";

Deno.serve(handler(routeJobs, edgeContext()));
