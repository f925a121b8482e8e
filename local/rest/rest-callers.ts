/** @module Who calls /rest/v1, decided as @supabase/lite's REST route decides it, with each JWT verified once. */
import { verifyJwt, roleOfApiKey, type Identity } from "../auth/identity.ts";
import type { HttpError } from "../http-error.ts";
import type { ProjectKeys } from "../keys.ts";
import type { CallerSettings } from "./simple-select.ts";

/** Bounds the cache of verified tokens; past it, it starts over (a miss costs one verification). */
const MAX_ENTRIES = 10_000;

/** The parts of lite's request context (Hono) that carry the caller. */
interface CallerContext {
  req: { path: string; header(name: string): string | undefined };
  set(key: "ignoreAuthorization", value: boolean): void;
  set(key: "jwt", value: Record<string, unknown>): void;
  set(key: "userId" | "sessionId", value: string): void;
}

export interface RestCallers {
  /**
   * Called from lite's API-key hook: for /rest/v1 with a valid JWT, sets the
   * caller as lite's REST route would (jwt, userId, sessionId) and marks the
   * request authorized, so lite neither verifies the JWT again nor looks up its
   * user and session (two queries whose outcome its REST route does not use:
   * PostgREST trusts a valid JWT until it expires). /auth/v1 keeps lite's
   * checks, so GoTrue still refuses a signed-out session's token there.
   */
  markJwtCaller(context: CallerContext): Promise<void>;
  /**
   * The settings lite would apply for a request with the anon key and either
   * no bearer or a valid JWT; null for anything lite must judge itself
   * (service key, mixed keys, an invalid or unusual Authorization header).
   */
  settingsFor(request: Request): Promise<CallerSettings | null>;
  /**
   * PostgREST's 401 for a bearer JWT that is not valid (unsigned, wrong key,
   * expired); null when the request carries none or a valid one. Lite would serve
   * such a request as anon instead.
   */
  refuseInvalidJwt(request: Request): Promise<Response | null>;
}

export function restCallers(keys: ProjectKeys): RestCallers {
  const verified = new Map<string, Identity["claims"]>();

  /** Claims of a token signed with the project secret, neither expired nor issued in the future. */
  async function claimsOf(token: string): Promise<Identity["claims"] | null> {
    let claims = verified.get(token);
    if (!claims) {
      claims = await verifyJwt(token, keys).catch(() => undefined);
      if (!claims) return null;
      if (verified.size >= MAX_ENTRIES) verified.clear();
      verified.set(token, claims);
    }
    const { exp, iat } = claims;
    const now = Date.now() / 1000;
    if ((typeof exp === "number" && exp <= now) || (typeof iat === "number" && iat > Math.floor(now))) {
      verified.delete(token);
      return null;
    }
    return claims;
  }

  /** A bearer that is a JWT (not one of the project's keys), in the exact form lite reads. */
  const jwtOf = (authorization: string | null | undefined) => {
    const bearer = authorization?.match(/^Bearer (\S+)$/)?.[1];
    return bearer && !bearer.startsWith("sb_") && !roleOfApiKey(bearer, keys) ? bearer : null;
  };

  return {
    async markJwtCaller(context) {
      if (!context.req.path.startsWith("/rest/v1/")) return;
      const token = jwtOf(context.req.header("authorization"));
      const claims = token && (await claimsOf(token));
      if (!claims) return;
      context.set("ignoreAuthorization", true);
      context.set("jwt", claims);
      if (typeof claims.sub === "string") context.set("userId", claims.sub);
      if (typeof claims.session_id === "string") context.set("sessionId", claims.session_id);
    },

    async settingsFor(request) {
      const apikey = request.headers.get("apikey");
      if (!apikey || roleOfApiKey(apikey, keys) !== "anon") return null;
      const authorization = request.headers.get("authorization");
      if (!authorization || authorization === `Bearer ${apikey}`) return { role: "anon", sub: "", claims: { role: "anon" } };
      const token = jwtOf(authorization);
      const claims = token && (await claimsOf(token));
      return claims ? { role: claims.role, sub: String(claims.sub ?? ""), claims } : null;
    },

    async refuseInvalidJwt(request) {
      const token = jwtOf(request.headers.get("authorization"));
      if (!token || (await claimsOf(token))) return null;
      const expired = await verifyJwt(token, keys).then(() => true, (error: HttpError) => /expired/i.test(String(error.body.message)));
      const [code, message] = expired ? ["PGRST303", "JWT expired"] : ["PGRST301", "No suitable key or wrong key type"];
      return Response.json({ code, message, details: null, hint: null }, {
        status: 401,
        headers: { "www-authenticate": `Bearer error="invalid_token", error_description="${message}"` },
      });
    },
  };
}
