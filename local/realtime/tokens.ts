/** @module Who a realtime channel acts as: the socket's apikey or the channel's access_token, checked as the Realtime server does. */
import { decodeJwt } from "jose";
import { roleOfApiKey, verifyJwt, type Identity } from "../auth/identity.ts";
import { isHttpError } from "../http-error.ts";
import type { ProjectKeys } from "../keys.ts";

export interface ChannelIdentity {
  role: string;
  claims: Identity["claims"];
  /** The token these claims came from. */
  token: string;
  /** `role` + claims: channels with equal keys share one RLS check per change. */
  key: string;
  /** Expiry in ms since the epoch, when the token has one. */
  expiresAt: number | null;
}

/** Who a database check acts as: the role and the claims PostgREST would set. */
export interface RlsIdentity {
  role: string;
  claims: Record<string, unknown>;
}

/** The `{role, claims}` object the in-database checks act as (`set_config('role', …)`, `request.jwt.claims`). */
export const rlsIdentity = ({ role, claims }: RlsIdentity) => ({ role, claims: JSON.stringify(claims) });

/** A token the server refuses; `reason` is what the join reply and system messages say. */
export class TokenError extends Error {
  constructor(
    readonly code: "InvalidJWTToken" | "JwtSignatureError" | "MalformedJWT",
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

function identityOf(token: string, claims: Identity["claims"]): ChannelIdentity {
  const exp = typeof claims.exp === "number" ? claims.exp * 1000 : null;
  return { role: claims.role, claims, token, key: `${claims.role}\u0000${JSON.stringify(claims)}`, expiresAt: exp };
}

/**
 * Resolves a token to claims: an opaque project key (`sb_…`) stands for its
 * role; anything else must be an HS256 JWT signed with the project secret that
 * carries `role` and `exp`.
 */
export async function resolveToken(token: string, keys: ProjectKeys): Promise<ChannelIdentity> {
  const keyRole = roleOfApiKey(token, keys);
  if (keyRole && token.startsWith("sb_")) return identityOf(token, { role: keyRole });
  let unverified: Record<string, unknown>;
  try {
    unverified = decodeJwt(token);
  } catch {
    throw new TokenError("MalformedJWT", "The token provided is not a valid JWT");
  }
  try {
    const claims = await verifyJwt(token, keys);
    if (typeof claims.exp !== "number") throw new TokenError("InvalidJWTToken", "Fields `role` and `exp` are required in JWT");
    return identityOf(token, claims);
  } catch (error) {
    if (error instanceof TokenError || !isHttpError(error)) throw error;
    if (error.message === "JWT expired") {
      throw new TokenError("InvalidJWTToken", `Token has expired ${secondsSince(unverified.exp)} seconds ago`);
    }
    if (error.message.includes("role")) throw new TokenError("InvalidJWTToken", "Fields `role` and `exp` are required in JWT");
    throw new TokenError("JwtSignatureError", "Failed to validate JWT signature");
  }
}

const secondsSince = (exp: unknown) => (typeof exp === "number" ? Math.max(0, Math.floor(Date.now() / 1000 - exp)) : 0);

/** Seconds since `expiresAt`, for "Token has expired N seconds ago". */
export const expiredSecondsAgo = (identity: ChannelIdentity) =>
  identity.expiresAt === null ? 0 : Math.max(0, Math.floor((Date.now() - identity.expiresAt) / 1000));

/**
 * The token a join (or `access_token` push) asks for: `access_token`, or the
 * legacy `user_token`, unless it is an opaque `sb_` key; null means "keep the
 * socket's apikey".
 */
export function requestedToken(payload: Record<string, unknown>): string | null {
  const token = payload.access_token ?? payload.user_token;
  return typeof token === "string" && token !== "" && !token.startsWith("sb_") ? token : null;
}
