/** @module The project's JWT secret and API keys: generated on first start, kept in the data directory. */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SignJWT } from "jose";

export interface ProjectKeys {
  jwtSecret: string;
  /** Legacy HS256 JWT keys, as `supabase status` prints them. */
  anonKey: string;
  serviceRoleKey: string;
  /** The opaque keys Supabase issues now. */
  publishableKey: string;
  secretKey: string;
}

const TEN_YEARS = 10 * 365 * 24 * 3600;

export function secretBytes(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

async function signRoleKey(role: "anon" | "service_role", jwtSecret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: "supabase", ref: "local", role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + TEN_YEARS)
    .sign(secretBytes(jwtSecret));
}

const opaque = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;

/** Reads `keys.json` from the data directory, creating it (mode 0600) on first use. */
export async function loadOrCreateKeys(dataDir: string): Promise<ProjectKeys> {
  const path = join(dataDir, "keys.json");
  const existing = await readFile(path, "utf8").catch(() => null);
  if (existing) return JSON.parse(existing) as ProjectKeys;
  const jwtSecret = randomBytes(32).toString("base64url");
  const keys: ProjectKeys = {
    jwtSecret,
    anonKey: await signRoleKey("anon", jwtSecret),
    serviceRoleKey: await signRoleKey("service_role", jwtSecret),
    publishableKey: opaque("sb_publishable_"),
    secretKey: opaque("sb_secret_"),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}
