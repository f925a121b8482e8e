/** @module Edge Function `run-agent` (docs/api.md): one agent on a project, queued and run in the background. */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeRunAgent } from "./routes.ts";

Deno.serve(handler(routeRunAgent, edgeContext()));
