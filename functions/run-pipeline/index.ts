/** @module Edge Function `run-pipeline` (docs/api.md): research → wireframe → code → QA, queued and run in the background. */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeRunPipeline } from "./routes.ts";

Deno.serve(handler(routeRunPipeline, edgeContext()));
