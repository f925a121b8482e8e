/** @module Edge Function `history`: diff between two versions of a project's files, and rollback to one. */
import { handler } from "../_shared/http.ts";
import type { FunctionEnv } from "../_shared/context.ts";
import { routeHistory } from "./routes.ts";

const env = Deno.env.toObject() as FunctionEnv;
Deno.serve(handler((request) => routeHistory(request, env)));
