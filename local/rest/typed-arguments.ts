/**
 * @module Body values PostgREST reads through json_populate_record and lite passes to the database as they
 * are: pgvector values as JSON number arrays (as supabase-js users write them), and JSON strings for json/jsonb
 * columns and arguments, which PostgREST stores as JSON strings (lite sent the bare text, which is not JSON), and
 * a whole row given to a function argument of a table's (composite) type, which lite sent as "[object Object]".
 */
import type { PGlite } from "@electric-sql/pglite";

/** A vector, a json/jsonb value, or a composite value with its attribute names in order. */
type Kind = "vector" | "json" | string[];

/** Per table (`<schema>.<table>`) and function (`<schema>.rpc/<name>`): its vector, json/jsonb and composite fields. */
export type TypedFields = Map<string, Map<string, Kind>>;

export async function loadTypedFields(pg: PGlite): Promise<TypedFields> {
  const { rows } = await pg.query<{ relation: string; field: string; type: string; attributes: string[] | null }>(`
    select n.nspname || '.' || c.relname as relation, a.attname as field, t.typname as type, null::text[] as attributes
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    where n.nspname not in ('pg_catalog', 'information_schema') and t.typname in ('vector', 'json', 'jsonb')
      and a.attnum > 0 and not a.attisdropped
    union all
    select n.nspname || '.rpc/' || p.proname, arg.name, t.typname,
      (select array_agg(ra.attname order by ra.attnum) from pg_attribute ra
       where ra.attrelid = t.typrelid and ra.attnum > 0 and not ra.attisdropped)
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    cross join lateral unnest(p.proargnames[1:p.pronargs], p.proargtypes::oid[]) as arg(name, type)
    join pg_type t on t.oid = arg.type
    where n.nspname not in ('pg_catalog', 'information_schema') and (t.typname in ('vector', 'json', 'jsonb') or t.typtype = 'c')`);
  const fields: TypedFields = new Map();
  for (const { relation, field, type, attributes } of rows) {
    const kind = attributes ?? (type === "vector" ? "vector" : "json");
    fields.set(relation, (fields.get(relation) ?? new Map()).set(field, kind));
  }
  return fields;
}

const quoted = (text: string) => `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/** A value in Postgres's text form: arrays as `{…}`, objects as JSON (json/jsonb attributes). */
function textForm(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map((item) => (item === null ? "NULL" : quoted(textForm(item)))).join(",")}}`;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** An attribute of a row literal: empty for null, else double-quoted. */
const rowAttribute = (value: unknown) => (value === null || value === undefined ? "" : quoted(textForm(value)));

const isNumberArray = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === "number");

/**
 * Vector number arrays become pgvector's text form (`[1,2,3]`), json strings their JSON text, objects for a
 * composite argument a row literal; the rest is left alone. Table writes take the JSON text once more: lite JSON-parses a string it writes to a json column.
 */
export function rewriteTypedValues(body: unknown, fields: Map<string, Kind>, table: boolean): unknown {
  if (Array.isArray(body)) return body.map((row) => rewriteTypedValues(row, fields, table));
  if (typeof body !== "object" || body === null) return body;
  const rewrite = (kind: Kind | undefined, value: unknown) => {
    if (kind === "vector" && isNumberArray(value)) return JSON.stringify(value);
    if (Array.isArray(kind) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      const row = value as Record<string, unknown>;
      return `(${kind.map((name) => rowAttribute(row[name])).join(",")})`;
    }
    if (kind !== "json" || typeof value !== "string") return value;
    return table ? JSON.stringify(JSON.stringify(value)) : JSON.stringify(value);
  };
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, rewrite(fields.get(key), value)]));
}
