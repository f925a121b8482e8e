/** @module Edge Function `jobs`: status, SSE stream, respond, list and cancel (seed 003 §5.3–5.7). */
import { handler } from "../_shared/http.ts";
import type { FunctionEnv } from "../_shared/context.ts";
import { routeJobs } from "./routes.ts";

const env = Deno.env.toObject() as FunctionEnv;
Deno.serve(handler((request) => routeJobs(request, { env, waitUntil: (promise) => EdgeRuntime.waitUntil(promise) })));
