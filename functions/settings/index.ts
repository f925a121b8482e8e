/**
 * @module Edge Function `settings`: a user's LLM provider keys (stored encrypted, never
 * returned), default provider and model, monthly spending cap and this month's spend,
 * and the provider and model of each of their projects.
 */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeSettings } from "./routes.ts";

Deno.serve(handler(routeSettings, edgeContext()));
