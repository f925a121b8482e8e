/** @module Edge Function `projects`: GitHub export (seed 003 §5.8) and zip download of a project's files. */
import type { FunctionEnv } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeProjects } from "./routes.ts";

const env = Deno.env.toObject() as FunctionEnv;
Deno.serve(handler((request) => routeProjects(request, env)));
