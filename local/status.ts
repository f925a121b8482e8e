/** @module `npm run status`: the stack's URLs and keys as KEY=value lines, like `supabase status -o env`. */
import { fileURLToPath } from "node:url";
import { configFromEnv, databaseUrl } from "./config.ts";
import { loadOrCreateKeys, type ProjectKeys } from "./keys.ts";

interface StatusSource {
  apiUrl: string;
  dbUrl?: string;
  keys: ProjectKeys;
  config: { dataDir: string };
  /** The sandbox runner `npm start` runs: its name, or "off". */
  sandboxRunner?: string;
}

export function statusLines({ apiUrl, dbUrl, keys, config, sandboxRunner }: StatusSource): string[] {
  return [
    `API_URL=${apiUrl}`,
    `WEB_URL=${apiUrl}/`,
    `ANON_KEY=${keys.anonKey}`,
    `SERVICE_ROLE_KEY=${keys.serviceRoleKey}`,
    `PUBLISHABLE_KEY=${keys.publishableKey}`,
    `SECRET_KEY=${keys.secretKey}`,
    `JWT_SECRET=${keys.jwtSecret}`,
    ...(dbUrl ? [`DB_URL=${dbUrl}`] : []),
    `DB_PATH=${config.dataDir}/db`,
    `REST_URL=${apiUrl}/rest/v1`,
    `AUTH_URL=${apiUrl}/auth/v1`,
    `STORAGE_URL=${apiUrl}/storage/v1`,
    `REALTIME_URL=${apiUrl.replace(/^http/, "ws")}/realtime/v1`,
    `FUNCTIONS_URL=${apiUrl}/functions/v1`,
    `SANDBOX_RUNNER=${sandboxRunner ?? (process.env.CODEFORGE_SANDBOX_RUNNER === "off" ? "off" : "started by npm start (claims public.sandbox_runs)")}`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = configFromEnv();
  const keys = await loadOrCreateKeys(config.dataDir);
  const dbUrl = config.dbPort === undefined ? undefined : databaseUrl(config.host, config.dbPort);
  console.log(statusLines({ apiUrl: `http://${config.host}:${config.port}`, dbUrl, keys, config }).join("\n"));
}
