/**
 * @module The Data API's settings, read as Supabase and PostgREST read them: `[api]` of
 * `supabase/config.toml` (schemas, extra_search_path, max_rows), then PostgREST's in-database
 * configuration (`alter role authenticator set pgrst.db_aggregates_enabled = 'true'`, …),
 * which overrides the file and is read again on `NOTIFY pgrst, 'reload config'`.
 */
import { readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";

export interface ApiConfig {
  schemas: string[];
  extraSearchPath: string[];
  maxRows: number | undefined;
  aggregatesEnabled: boolean;
  planEnabled: boolean;
}

/** Supabase's defaults for a config.toml without these keys. */
const DEFAULTS: ApiConfig = {
  schemas: ["public", "graphql_public"],
  extraSearchPath: ["public", "extensions"],
  maxRows: 1000,
  aggregatesEnabled: false,
  planEnabled: false,
};

/** `[api]` keys of a config.toml (one-line values, as `supabase init` writes them); a missing file is the defaults. */
export function readApiToml(configPath: string): ApiConfig {
  let text = "";
  try {
    text = readFileSync(configPath, "utf8");
  } catch {
    return { ...DEFAULTS };
  }
  const config = { ...DEFAULTS };
  let inApi = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (line.startsWith("[")) {
      inApi = /^\[\s*api\s*\]$/.test(line);
      continue;
    }
    const entry = inApi && line.match(/^([a-z_]+)\s*=\s*(.+)$/);
    if (!entry) continue;
    const [, key, value] = entry;
    if (key === "schemas") config.schemas = stringArray(value!, key);
    else if (key === "extra_search_path") config.extraSearchPath = stringArray(value!, key);
    else if (key === "max_rows") config.maxRows = positiveOrNone(Number(value), key);
  }
  return config;
}

function stringArray(value: string, key: string): string[] {
  const parsed: unknown = JSON.parse(value.replace(/'([^']*)'/g, '"$1"'));
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) {
    throw new Error(`supabase/config.toml [api] ${key} must be an array of strings`);
  }
  return parsed;
}

function positiveOrNone(value: number, key: string): number | undefined {
  if (!Number.isInteger(value) || value < 0) throw new Error(`supabase/config.toml [api] ${key} must be a whole number`);
  return value === 0 ? undefined : value;
}

/** PostgREST's in-database configuration: the `pgrst.*` settings of the authenticator role. */
export async function withDatabaseSettings(pg: PGlite, file: ApiConfig): Promise<ApiConfig> {
  const { rows } = await pg.query<{ name: string; value: string }>(`
    select split_part(setting, '=', 1) as name, substr(setting, strpos(setting, '=') + 1) as value
    from pg_db_role_setting s
    join pg_roles r on r.oid = s.setrole and r.rolname = 'authenticator'
    cross join unnest(s.setconfig) as setting
    where setting like 'pgrst.%'`);
  const settings = new Map(rows.map((row) => [row.name.slice("pgrst.".length), row.value]));
  const list = (name: string, fallback: string[]) =>
    settings.has(name) ? settings.get(name)!.split(",").map((item) => item.trim()).filter(Boolean) : fallback;
  const flag = (name: string, fallback: boolean) => (settings.has(name) ? settings.get(name) === "true" : fallback);
  const maxRows = settings.has("db_max_rows") ? Number(settings.get("db_max_rows")) || undefined : file.maxRows;
  return {
    schemas: list("db_schemas", file.schemas),
    extraSearchPath: list("db_extra_search_path", file.extraSearchPath),
    maxRows,
    aggregatesEnabled: flag("db_aggregates_enabled", file.aggregatesEnabled),
    planEnabled: flag("db_plan_enabled", file.planEnabled),
  };
}

/** The `api` section of @supabase/lite's App config. */
export function liteApiConfig(config: ApiConfig) {
  return {
    enabled: true,
    schemas: config.schemas,
    max_rows: config.maxRows,
    aggregates_enabled: config.aggregatesEnabled,
    plan_enabled: config.planEnabled,
  };
}

/** The search_path PostgREST sets for a request: its schema, then the extra schemas. */
export function searchPathFor(schema: string, config: ApiConfig): string {
  return [schema, ...config.extraSearchPath.filter((name) => name !== schema)].map((name) => `"${name.replaceAll('"', '""')}"`).join(", ");
}
