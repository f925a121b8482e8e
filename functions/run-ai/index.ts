/** @module Edge Function `run-ai` (docs/architecture.md#after-the-build-docs-explanations-previews-comments-github-sync): a `docs` job (README or one file's API page) or an `explain` job (a line range, optionally answering in a comment thread). */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeRunAi } from "./routes.ts";

Deno.serve(handler(routeRunAi, edgeContext()));
