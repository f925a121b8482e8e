/** @module A lean path for the commonest PostgREST read (columns of one table, equality-style filters), in one database round trip. */
import type { PGlite } from "@electric-sql/pglite";

/**
 * Column names and types per relation in `public`, for the relations whose every
 * column renders through `json_agg` exactly as @supabase/lite renders it.
 */
export type SimpleRelations = Map<string, Set<string>>;

/** Types whose JSON form is the same from json_agg (what PostgREST runs) and from lite. */
const SAME_JSON_TYPES = new Set(["text", "varchar", "uuid", "bool", "int2", "int4", "float8", "jsonb", "json", "timestamptz", "timestamp", "date", "_text"]);
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const OPERATORS: Record<string, string> = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" };
/** Query keys PostgREST or the gateway give a meaning, never taken as a column filter here. */
const RESERVED = new Set(["select", "order", "limit", "offset", "on_conflict", "columns", "or", "and", "not", "apikey"]);
/** PostgREST's `max_rows` (supabase/config.toml), which lite applies too. */
const MAX_ROWS = 1000;
const ARRAY_JSON = "application/json";
const OBJECT_JSON = "application/vnd.pgrst.object+json";

export async function loadSimpleRelations(pg: PGlite): Promise<SimpleRelations> {
  const { rows } = await pg.query<{ relation: string; columns: string[]; types: string[] }>(`
    select c.relname as relation, array_agg(a.attname order by a.attnum) as columns, array_agg(t.typname order by a.attnum) as types
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p')
    group by c.relname`);
  const relations: SimpleRelations = new Map();
  for (const { relation, columns, types } of rows) {
    if (IDENTIFIER.test(relation) && types.every((type) => SAME_JSON_TYPES.has(type))) relations.set(relation, new Set(columns));
  }
  return relations;
}

export interface SimpleSelect {
  relation: string;
  /** `*` or column names. */
  columns: string[] | "*";
  filters: { column: string; operator: string; value: string }[];
  /** `.single()`: one object, or lite answers the PGRST116 error. */
  single: boolean;
  /** The Content-Location lite sends: the relation and its query, keys sorted. */
  location: string | null;
}

/**
 * The plan when the request is a GET that needs nothing beyond a column list
 * and eq/neq/gt/gte/lt/lte filters on a known relation; null sends it to lite.
 */
export function planSimpleSelect(request: Request, relations: SimpleRelations): SimpleSelect | null {
  if (request.method !== "GET") return null;
  const { headers } = request;
  if (headers.has("prefer") || headers.has("range") || headers.has("content-profile")) return null;
  const profile = headers.get("accept-profile");
  if (profile !== null && profile !== "public") return null;
  const accept = headers.get("accept") ?? "*/*";
  if (accept !== "*/*" && accept !== ARRAY_JSON && accept !== OBJECT_JSON) return null;

  const url = new URL(request.url);
  const relation = url.pathname.match(/^\/rest\/v1\/([a-z_][a-z0-9_]*)$/)?.[1];
  const known = relation && relations.get(relation);
  if (!known) return null;

  let columns: SimpleSelect["columns"] = "*";
  const filters: SimpleSelect["filters"] = [];
  for (const [key, value] of url.searchParams) {
    if (value.includes("\0")) return null;
    if (key === "select") {
      if (value === "*") continue;
      const names = value.split(",");
      if (!names.every((name) => known.has(name))) return null;
      columns = names;
      continue;
    }
    const dot = value.indexOf(".");
    const operator = OPERATORS[value.slice(0, dot)];
    if (RESERVED.has(key) || !known.has(key) || dot < 0 || !operator) return null;
    filters.push({ column: key, operator, value: value.slice(dot + 1) });
  }
  const sorted = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(sorted).toString();
  return { relation, columns, filters, single: accept === OBJECT_JSON, location: query ? `/${relation}?${query}` : null };
}

/** Transaction-local settings exactly as lite applies them for the caller (role, claims). */
export interface CallerSettings {
  role: string;
  sub: string;
  claims: Record<string, unknown>;
}

const quoteIdent = (name: string) => `"${name}"`;
/** An escape-string literal, independent of standard_conforming_strings. */
const literal = (value: string) => `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;

/** The whole request as one simple-protocol batch: BEGIN, the caller's settings, the select, COMMIT. */
export function simpleSelectSql(plan: SimpleSelect, caller: CallerSettings): string {
  const columns = plan.columns === "*" ? "*" : plan.columns.map(quoteIdent).join(", ");
  const where = plan.filters.map(({ column, operator, value }) => `${quoteIdent(column)} ${operator} ${literal(value)}`);
  const rows = `select ${columns} from public.${quoteIdent(plan.relation)}${where.length ? ` where ${where.join(" and ")}` : ""} limit ${MAX_ROWS}`;
  const body = plan.single ? "(json_agg(_row) -> 0)::text" : "coalesce(json_agg(_row), '[]')::text";
  return [
    "BEGIN",
    `select set_config('role', ${literal(caller.role)}, true), set_config('request.jwt.claim.sub', ${literal(caller.sub)}, true),` +
      ` set_config('request.jwt.claim.role', ${literal(caller.role)}, true), set_config('storage.operation', '', true),` +
      ` set_config('request.jwt.claims', ${literal(JSON.stringify(caller.claims))}, true)`,
    `select count(*)::int as count, ${body} as body from (${rows}) _row`,
    "COMMIT",
  ].join("; ");
}

/**
 * Runs the plan; null (after rolling back) when the database refuses it or
 * `.single()` does not find exactly one row, so lite answers with its error.
 */
export async function runSimpleSelect(pg: PGlite, plan: SimpleSelect, caller: CallerSettings): Promise<Response | null> {
  let results;
  try {
    results = await pg.exec(simpleSelectSql(plan, caller));
  } catch {
    await pg.exec("ROLLBACK");
    return null;
  }
  const { count, body } = results[2]!.rows[0] as { count: number; body: string };
  if (plan.single && count !== 1) return null;
  const headers: Record<string, string> = {
    "content-type": `${plan.single ? OBJECT_JSON : ARRAY_JSON}; charset=utf-8`,
    "content-range": count ? `0-${count - 1}/*` : "*/*",
  };
  if (!plan.single && plan.location) headers["content-location"] = plan.location;
  return new Response(body, { status: 200, headers });
}
