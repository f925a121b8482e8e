/** @module The `[functions.<name>]` tables of `supabase/config.toml`: verify_jwt, enabled, entrypoint, import_map. */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** One function's settings, paths made absolute (config.toml paths are relative to `supabase/`). */
export interface FunctionSettings {
  /** Supabase's default is true: the platform checks the bearer JWT before the function runs. */
  verifyJwt: boolean;
  enabled: boolean;
  entrypoint?: string;
  importMap?: string;
}

export type FunctionsConfig = Map<string, FunctionSettings>;

const TABLE = /^\[\s*functions\s*\.\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*\]\s*(?:#.*)?$/;
const ANY_TABLE = /^\[/;
const ENTRY = /^([A-Za-z0-9_-]+)\s*=\s*(.+?)\s*$/;

/** A TOML value of the kinds these tables use: booleans and (single- or double-quoted) strings. */
function parseValue(raw: string): boolean | string | undefined {
  const value = raw.replace(/^("(?:[^"\\]|\\.)*"|'[^']*'|[^#]*?)\s*(?:#.*)?$/, "$1").trim();
  if (value === "true") return true;
  if (value === "false") return false;
  if (value.startsWith('"')) return JSON.parse(value) as string;
  if (value.startsWith("'")) return value.slice(1, -1);
  return undefined;
}

/**
 * Reads the functions tables of a Supabase CLI `config.toml`. Only what the local
 * host needs is parsed (a line-based subset of TOML); other tables are skipped.
 * A missing file is an empty config.
 */
export function readFunctionsConfig(configPath: string): FunctionsConfig {
  const config: FunctionsConfig = new Map();
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch {
    return config;
  }
  const base = dirname(configPath);
  let current: FunctionSettings | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) continue;
    const table = line.match(TABLE);
    if (table) {
      current = { verifyJwt: true, enabled: true };
      config.set((table[1] ?? table[2] ?? table[3])!, current);
      continue;
    }
    if (ANY_TABLE.test(line)) {
      current = undefined;
      continue;
    }
    const entry = current && line.match(ENTRY);
    if (!current || !entry) continue;
    const [, key, raw] = entry;
    const value = parseValue(raw!);
    if (key === "verify_jwt" && typeof value === "boolean") current.verifyJwt = value;
    else if (key === "enabled" && typeof value === "boolean") current.enabled = value;
    else if (key === "entrypoint" && typeof value === "string") current.entrypoint = resolve(base, value);
    else if (key === "import_map" && typeof value === "string") current.importMap = resolve(base, value);
  }
  return config;
}

/** The settings a function runs with: its table, or Supabase's defaults. */
export function settingsOf(config: FunctionsConfig, name: string): FunctionSettings {
  return config.get(name) ?? { verifyJwt: true, enabled: true };
}
