/**
 * @module Edge Function `preview` (verify_jwt off so an iframe can load a
 * token's page): `POST /preview` bundles a project the
 * caller owns, `GET /preview/:token` serves it until it expires,
 * `POST /preview/sweep` (service role, scheduled) cleans expired sessions up.
 */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routePreview } from "./routes.ts";

Deno.serve(handler(routePreview, edgeContext()));
