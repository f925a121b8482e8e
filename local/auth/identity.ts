/** @module Who a request is, decided the way Supabase's gateway does: the apikey, then the bearer JWT. */
import { jwtVerify, errors as joseErrors } from "jose";
import { HttpError } from "../http-error.ts";
import { secretBytes, type ProjectKeys } from "../keys.ts";

export type Role = "anon" | "authenticated" | "service_role";

export interface Identity {
  role: Role;
  /** The claims Postgres sees as `request.jwt.claims` (`sub`, `role`, `email`, …). */
  claims: Record<string, unknown> & { role: Role; sub?: string };
  /** The verified user JWT, when the request carried one. */
  accessToken?: string;
}

export interface Credentials {
  /** The `apikey` header, or the `apikey` query parameter. */
  apikey: string | null;
  /** The `Authorization: Bearer` token, if any. */
  bearer: string | null;
}

export function credentialsOf(request: Request): Credentials {
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization");
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? null;
  return { apikey: request.headers.get("apikey") ?? url.searchParams.get("apikey"), bearer };
}

const unauthorized = (message: string, hint?: string) => new HttpError(401, { message, ...(hint ? { hint } : {}) });

/** The role an API key grants, or null when the key is not one of the project's. */
export function roleOfApiKey(key: string, keys: ProjectKeys): "anon" | "service_role" | null {
  if (key === keys.anonKey || key === keys.publishableKey) return "anon";
  if (key === keys.serviceRoleKey || key === keys.secretKey) return "service_role";
  return null;
}

/** Verifies an HS256 JWT signed with the project secret; 401 with the reason otherwise. */
export async function verifyJwt(token: string, keys: ProjectKeys): Promise<Identity["claims"]> {
  try {
    const { payload } = await jwtVerify(token, secretBytes(keys.jwtSecret), { algorithms: ["HS256"] });
    const role = payload.role;
    if (role !== "anon" && role !== "authenticated" && role !== "service_role") {
      throw unauthorized("Invalid JWT: unknown role");
    }
    return { ...payload, role } as Identity["claims"];
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw unauthorized("JWT expired");
    throw unauthorized("Invalid JWT");
  }
}

/**
 * Resolves the caller: a missing or unknown apikey is 401; a bearer that is one
 * of the project's keys stands for that key's role; any other bearer must be a
 * valid JWT signed with the project secret, and its claims decide.
 */
export async function identify({ apikey, bearer }: Credentials, keys: ProjectKeys): Promise<Identity> {
  if (!apikey) throw unauthorized("No API key found in request", "No `apikey` request header or url param was found.");
  const keyRole = roleOfApiKey(apikey, keys);
  if (!keyRole) throw unauthorized("Invalid API key", "Double check your Supabase `anon` or `service_role` API key.");
  if (!bearer) return { role: keyRole, claims: { role: keyRole } };
  const bearerKeyRole = roleOfApiKey(bearer, keys);
  if (bearerKeyRole) return { role: bearerKeyRole, claims: { role: bearerKeyRole } };
  const claims = await verifyJwt(bearer, keys);
  return { role: claims.role, claims, accessToken: bearer };
}
