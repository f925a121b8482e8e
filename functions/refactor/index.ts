/** @module Edge Function `refactor`: refactor jobs (start, apply the proposal), run by the job engine. */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeRefactor } from "./routes.ts";

Deno.serve(handler(routeRefactor, edgeContext()));
