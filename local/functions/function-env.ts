/** @module The environment an Edge Function sees: the project's SUPABASE_* variables plus the secrets in its .env files. */
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import type { ProjectKeys } from "../keys.ts";

/** Host variables a Deno process needs to run and to reach the network; nothing else leaks in. */
const INHERITED = [
  "PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "TMP", "TEMP", "SystemRoot", "USERPROFILE",
  "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
  "DENO_CERT", "DENO_TLS_CA_STORE", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR",
];

export interface FunctionEnvInput {
  apiUrl: string;
  keys: ProjectKeys;
  /** Dotenv files read in order, later ones winning (missing files are skipped). */
  envFiles: string[];
  /** Extra variables, applied last before the reserved SUPABASE_* ones. */
  env?: Record<string, string>;
  /** The host's environment (defaults to process.env). */
  hostEnv?: NodeJS.ProcessEnv;
}

const warned = new Set<string>();

/** Reads a dotenv file; `SUPABASE_`-prefixed names are skipped as the Supabase CLI does (they are reserved). */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  const parsed = parseEnv(text) as Record<string, string>;
  for (const name of Object.keys(parsed)) {
    if (name.startsWith("SUPABASE_")) {
      const key = `${path}:${name}`;
      if (!warned.has(key)) console.warn(`[functions] ${path}: env name cannot start with SUPABASE_, skipping ${name}`);
      warned.add(key);
      delete parsed[name];
    }
  }
  return parsed;
}

/**
 * Builds a function's environment: the few host variables Deno needs, then the
 * .env files, then `env`, then the reserved variables Supabase injects
 * (SUPABASE_URL and the project's keys), which nothing can override.
 */
export function functionEnv({ apiUrl, keys, envFiles, env = {}, hostEnv = process.env }: FunctionEnvInput): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = hostEnv[name];
    if (value !== undefined) result[name] = value;
  }
  for (const file of envFiles) Object.assign(result, readEnvFile(file));
  Object.assign(result, env);
  return Object.assign(result, {
    SUPABASE_URL: apiUrl,
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    SUPABASE_PUBLISHABLE_KEY: keys.publishableKey,
    SUPABASE_SECRET_KEY: keys.secretKey,
  });
}
