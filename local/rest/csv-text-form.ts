/**
 * @module CSV as PostgREST writes it (asCsvF): each row in Postgres's text form (jsonb `{"a": 1}`, arrays
 * `{x,"y z"}`, booleans `t`/`f`, embeds as their jsonb text), made by Postgres from the row's types; the
 * header line is the select's output names. lite renders values as JSON text, so the gateway types each
 * output field as PostgREST's query would (csv-select.ts), asks lite for JSON rows and has Postgres print them.
 * Reads of a table or view, functions returning a table's rows, and writes with `return=representation`.
 */
import type { PGlite } from "@electric-sql/pglite";
import { csvFields, fieldType, type CsvField } from "./csv-select.ts";

export interface CsvRequest {
  /** A table or view, or `rpc/<function>`. */
  relation: string;
  select: string | null;
}

/** What a request answered as CSV reads or returns, and its select; else null. */
export function csvRequestOf(request: Request): CsvRequest | null {
  const accept = request.headers.get("accept") ?? "";
  if (accept.split(",")[0]?.split(";")[0]?.trim().toLowerCase() !== "text/csv") return null;
  const url = new URL(request.url);
  const relation = url.pathname.match(/^\/rest\/v1\/((?:rpc\/)?[A-Za-z_][A-Za-z0-9_$]*)$/)?.[1];
  if (!relation) return null;
  const reads = request.method === "GET" || (request.method === "POST" && relation.startsWith("rpc/"));
  const represents = !relation.startsWith("rpc/") && /\breturn=representation\b/.test(request.headers.get("prefer") ?? "");
  return reads || (request.method !== "HEAD" && represents) ? { relation, select: url.searchParams.get("select") } : null;
}

/** The same request answered as JSON, for `toCsv`. */
export function asJsonRequest(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set("accept", "application/json");
  return new Request(request, { headers });
}

interface Catalog {
  /** Columns in order, then computed fields (functions of the row type), with their types. */
  columns: Map<string, string>;
  computed: Map<string, string>;
  casts: Map<string, string | null>;
}

/** Column, computed-field and cast types as Postgres names them (format_type / regtype: safe to put in SQL). */
async function catalogOf(pg: PGlite, schema: string, table: string, casts: string[]): Promise<Catalog | null> {
  const { rows } = await pg.query<{ kind: number; name: string; type: string | null }>(
    `select 0 as kind, a.attnum::int as ord, a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type
       from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped
     union all
     select 1, 0, p.proname::text, format_type(p.prorettype, null)
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       join pg_catalog.pg_class c on c.reltype = p.proargtypes[0] join pg_catalog.pg_namespace cn on cn.oid = c.relnamespace
      where n.nspname = $1 and cn.nspname = $1 and c.relname = $2 and p.pronargs = 1 and not p.proretset
     union all
     select 2, u.ord::int, u.cast_name, pg_catalog.to_regtype(u.cast_name)::text
       from unnest($3::text[]) with ordinality as u(cast_name, ord)
     order by kind, ord`,
    [schema, table, casts],
  ).catch(() => ({ rows: null }));
  if (!rows) return null;
  const of = (kind: number) => new Map(rows.filter((row) => row.kind === kind).map((row) => [row.name, row.type]));
  return { columns: of(0) as Map<string, string>, computed: of(1) as Map<string, string>, casts: of(2) };
}

/** The table whose rows every function of that name returns (in the function's schema), or null. */
async function returnedTable(pg: PGlite, schema: string, name: string): Promise<string | null> {
  const { rows } = await pg.query<{ types: number; relation: string | null }>(
    `select count(distinct p.prorettype)::int as types, min(c.relname)::text as relation
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       left join pg_catalog.pg_class c on c.reltype = p.prorettype and c.relnamespace = n.oid
      where n.nspname = $1 and p.proname = $2`,
    [schema, name],
  ).catch(() => ({ rows: [] }));
  return rows[0]?.types === 1 ? rows[0].relation : null;
}

/** Whether a spread of `target` in `table` is one row (false) or many (true): one foreign key decides; else null. */
async function spreadsMany(pg: PGlite, schema: string, table: string, target: string): Promise<boolean | null> {
  const { rows } = await pg.query<{ one: boolean; many: boolean }>(
    `select exists (select 1 from pg_catalog.pg_constraint k where k.contype = 'f' and k.conrelid = o.oid and k.confrelid = t.oid) as one,
            exists (select 1 from pg_catalog.pg_constraint k where k.contype = 'f' and k.conrelid = t.oid and k.confrelid = o.oid) as many
       from pg_catalog.pg_class o join pg_catalog.pg_namespace n on n.oid = o.relnamespace
       join pg_catalog.pg_class t on t.relnamespace = n.oid
      where n.nspname = $1 and o.relname = $2 and t.relname = $3`,
    [schema, table, target],
  ).catch(() => ({ rows: [] }));
  const [kind] = rows;
  return kind && kind.one !== kind.many ? kind.many : null;
}

interface Typed {
  name: string;
  type: string;
  /** What the field is, to tell two fields under one name apart. */
  definition: string;
}

/** The output fields of `select` on `table`, typed; spreads one level deep. */
async function typesOf(pg: PGlite, schema: string, table: string, select: string | null, inSpread: boolean): Promise<Typed[] | null> {
  const fields = csvFields(select);
  if (!fields) return null;
  const casts = fields.flatMap((field) => (field !== "*" && "cast" in field && field.cast ? [field.cast] : []));
  const catalog = await catalogOf(pg, schema, table, casts);
  if (!catalog || catalog.columns.size === 0) return null;
  const typed: Typed[] = [];
  for (const field of fields) {
    if (field !== "*" && "spread" in field) {
      const many = inSpread ? null : await spreadsMany(pg, schema, table, field.spread);
      const inner = many === null ? null : await typesOf(pg, schema, field.spread, field.select, true);
      if (!inner) return null;
      const spread = (entry: Typed) => `${field.spread}.${entry.definition}`;
      typed.push(...inner.map((entry) => ({ name: entry.name, type: many ? "jsonb" : entry.type, definition: spread(entry) })));
      continue;
    }
    const own = field === "*" ? [...catalog.columns.keys()].map((name): CsvField => ({ name, source: name, path: [], cast: null })) : [field];
    for (const one of own) {
      const source = one.source === null ? "jsonb" : catalog.columns.get(one.source) ?? catalog.computed.get(one.source);
      const cast = one.cast ? catalog.casts.get(one.cast) ?? null : null;
      if (!source || (one.cast && !cast)) return null;
      typed.push({ name: one.name, type: fieldType(one, source, cast), definition: JSON.stringify(one) });
    }
  }
  return typed;
}

/**
 * Output names and Postgres types of the select, or null when a field cannot be typed (lite's CSV stands).
 * Decided before lite runs, so a function or a write runs once either way.
 */
export async function csvTypes(pg: PGlite, schema: string, csv: CsvRequest): Promise<{ name: string; type: string }[] | null> {
  const table = csv.relation.startsWith("rpc/") ? await returnedTable(pg, schema, csv.relation.slice(4)) : csv.relation;
  const typed = table && (await typesOf(pg, schema, table, csv.select, false));
  if (!typed) return null;
  // One name for two different fields (`tags,tags->0`): lite's JSON row kept only one of the values.
  const seen = new Map<string, string>();
  for (const { name, definition } of typed) {
    if ((seen.get(name) ?? definition) !== definition) return null;
    seen.set(name, definition);
  }
  return typed.map(({ name, type }) => ({ name, type }));
}

/**
 * Postgres's text form of lite's JSON rows (one row for a function returning one). Rows not shaped as the
 * select says (not expected) print every value as its JSON text, as lite's CSV does.
 */
export async function toCsv(pg: PGlite, types: { name: string; type: string }[], json: Response): Promise<Response> {
  const answer = await json.clone().json().catch(() => null);
  const rows = (Array.isArray(answer) ? answer : [answer]) as Array<Record<string, unknown>>;
  const shaped = rows.every((row) => typeof row === "object" && row !== null && !Array.isArray(row));
  const names = new Set(types.map((field) => field.name));
  const asText = types.map(({ name }) => ({ name, type: "text" }));
  const typed = shaped && (rows.length === 0 || sameKeys(Object.keys(rows[0]!), names));
  const values = shaped ? rows : rows.map(() => ({}));
  const body = rows.length === 0 ? "" : await printRows(pg, typed ? types : asText, values).catch(() => printRows(pg, asText, values));
  const headers = new Headers(json.headers);
  headers.set("content-type", "text/csv; charset=utf-8");
  headers.delete("content-length");
  const header = rows.length > 0 ? types.map((field) => field.name).join(",") : "";
  return new Response(`${header}\n${body}`, { status: json.status, statusText: json.statusText, headers });
}

/** One line per row: Postgres's record text of the typed values, without its parentheses (asCsvF). */
async function printRows(pg: PGlite, fields: { name: string; type: string }[], rows: Array<Record<string, unknown>>): Promise<string> {
  // Positional names (c1, c2, …) in the column definition list: aliases may be anything, and may repeat.
  const names = fields.map((_, i) => `c${i + 1}`);
  const columns = fields.map((field, i) => `${names[i]} ${field.type}`).join(", ");
  const positional = rows.map((row) => Object.fromEntries(fields.map((field, i) => [names[i], row[field.name] ?? null])));
  const text = `select coalesce(string_agg(substr(t, 2, length(t) - 2), E'\\n' order by n), '') as body
    from (select row(${names.map((name) => `r.${name}`).join(", ")})::text as t, r.n
          from rows from (json_to_recordset($1::json) as (${columns})) with ordinality as r(${names.join(", ")}, n)) lines`;
  return (await pg.query<{ body: string }>(text, [JSON.stringify(positional)])).rows[0]!.body;
}

function sameKeys(keys: string[], names: Set<string>): boolean {
  return keys.length === names.size && keys.every((key) => names.has(key));
}
