/** @module Edge Function `chat` (docs/architecture.md#chat): messages that build, change or answer; retries; documents; stage artifacts on demand. */
import { edgeContext } from "../_shared/context.ts";
import { handler } from "../_shared/http.ts";
import { routeChat } from "./routes.ts";

Deno.serve(handler(routeChat, edgeContext()));
