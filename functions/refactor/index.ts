/** @module Edge Function `refactor`: refactor jobs (start, apply the proposal), run by the job engine. */
import { handler } from "../_shared/http.ts";
import type { FunctionEnv } from "../_shared/context.ts";
import { routeRefactor } from "./routes.ts";

const env = Deno.env.toObject() as FunctionEnv;
Deno.serve(handler((request) => routeRefactor(request, { env, waitUntil: (promise) => EdgeRuntime.waitUntil(promise) })));
