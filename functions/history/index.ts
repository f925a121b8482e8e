/** @module Edge Function `history`: diff between two versions of a project's files, and rollback to one. */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeHistory } from "./routes.ts";

Deno.serve(handler(routeHistory, edgeContext()));
