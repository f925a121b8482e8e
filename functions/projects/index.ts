/** @module Edge Function `projects`: GitHub export (docs/api.md) and zip download of a project's files. */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeProjects } from "./routes.ts";

Deno.serve(handler(routeProjects, edgeContext()));
