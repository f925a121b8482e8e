/** @module Signed-URL tokens: HS256 JWTs signed with the project secret, naming `bucket/key`, a scope and an expiry. */
import { jwtVerify, SignJWT } from "jose";
import { secretBytes, type ProjectKeys } from "../keys.ts";
import { errors } from "./errors.ts";

export type SignedScope = "download" | "upload";

/** The longest expiry a signed URL may ask for (storage-api caps JWT expirations the same way). */
const MAX_EXPIRES_IN = 10 * 365 * 24 * 3600;

/** Checks a requested `expiresIn` (seconds): an integer from 1 to ten years. */
export function mustBeValidExpiresIn(value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > MAX_EXPIRES_IN) {
    throw errors.invalidParameter("expiresIn", `expiresIn must be an integer between 1 and ${MAX_EXPIRES_IN}`);
  }
  return value;
}

/** A token for `url` (`bucket/key`), valid for `expiresIn` seconds. */
export function signObjectToken(
  keys: ProjectKeys,
  claims: { url: string; scope: SignedScope; owner?: string | null; upsert?: boolean },
  expiresIn: number,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { url: claims.url, scope: claims.scope };
  if (claims.scope === "upload") {
    payload.upsert = Boolean(claims.upsert);
    if (claims.owner) payload.owner = claims.owner;
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(secretBytes(keys.jwtSecret));
}

export interface VerifiedToken {
  url: string;
  exp: number;
  owner?: string;
  upsert?: boolean;
}

/**
 * Verifies a token for `bucket/key` and `scope`, answering as storage-api does:
 * 400 InvalidJWT for a bad or expired token (`"exp" claim timestamp check failed`),
 * 400 InvalidSignature for a token of another object or scope.
 */
export async function verifyObjectToken(
  keys: ProjectKeys,
  token: string | null,
  bucket: string,
  key: string,
  scope: SignedScope,
): Promise<VerifiedToken> {
  if (!token) throw errors.missingParameter("token");
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secretBytes(keys.jwtSecret), { algorithms: ["HS256"] }));
  } catch (error) {
    throw errors.invalidJwt(error instanceof Error ? error.message : "Invalid JWT");
  }
  const tokenScope = payload.scope ?? ("upsert" in payload ? "upload" : "download");
  if (tokenScope !== scope) throw errors.invalidSignature(`Token is not scoped for ${scope}`);
  if (payload.url !== `${bucket}/${key}`) throw errors.invalidSignature();
  if (typeof payload.exp !== "number" || payload.exp * 1000 < Date.now()) {
    throw errors.invalidJwt("The provided token has expired.");
  }
  return {
    url: payload.url,
    exp: payload.exp,
    owner: typeof payload.owner === "string" ? payload.owner : undefined,
    upsert: payload.upsert === true,
  };
}
