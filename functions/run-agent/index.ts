/** @module Edge Function `run-agent` (seed 003 §5.1): one agent on a project, queued and run in the background. */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeRunAgent } from "./routes.ts";

Deno.serve(handler(routeRunAgent, edgeContext()));
