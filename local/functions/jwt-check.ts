/** @module The platform's verify_jwt check in front of a function: an apikey, and a bearer that is a valid project JWT. */
import { credentialsOf, roleOfApiKey, verifyJwt } from "../auth/identity.ts";
import { HttpError, isHttpError } from "../http-error.ts";
import type { ProjectKeys } from "../keys.ts";

const unauthorized = (message: string, hint?: string) => new HttpError(401, { code: 401, message, ...(hint ? { hint } : {}) });

/**
 * Rejects, with Supabase's 401 bodies, a request the platform would stop before
 * the function runs when `verify_jwt` is on:
 * - no `apikey` (header or query), or one that is not this project's;
 * - no `Authorization: Bearer`, or a bearer that is not a valid, unexpired HS256 JWT
 *   signed with the project secret (a user's access token, or the legacy anon /
 *   service_role keys, which are JWTs).
 * The opaque `sb_publishable_…` / `sb_secret_…` keys are not JWTs: as on Supabase
 * they fail the check when sent as the bearer (send them as `apikey`, or set
 * `verify_jwt = false` for functions called with them). Preflight (OPTIONS) passes
 * through so that functions answer CORS themselves.
 */
export async function checkJwt(request: Request, keys: ProjectKeys): Promise<void> {
  if (request.method === "OPTIONS") return;
  const { apikey, bearer } = credentialsOf(request);
  if (!apikey) throw unauthorized("No API key found in request", "No `apikey` request header or url param was found.");
  if (!roleOfApiKey(apikey, keys)) throw unauthorized("Invalid API key", "Double check your Supabase `anon` or `service_role` API key.");
  if (!bearer) throw unauthorized("Missing authorization header");
  if (bearer === keys.publishableKey || bearer === keys.secretKey) {
    throw unauthorized(
      "Invalid JWT",
      "Publishable and secret keys are not JWTs: send them in the apikey header, or set verify_jwt = false for this function.",
    );
  }
  try {
    await verifyJwt(bearer, keys);
  } catch (error) {
    if (isHttpError(error)) throw unauthorized(error.message);
    throw error;
  }
}
