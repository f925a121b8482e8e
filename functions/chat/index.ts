/** @module Edge Function `chat` (seed 000): messages that build, change or answer; retries; documents; stage artifacts on demand. */
import { handler } from "../_shared/http.ts";
import type { FunctionEnv } from "../_shared/context.ts";
import { routeChat } from "./routes.ts";

const env = Deno.env.toObject() as FunctionEnv;
Deno.serve(handler((request) => routeChat(request, { env, waitUntil: (promise) => EdgeRuntime.waitUntil(promise) })));
