/** @module Accepts pgvector values as JSON number arrays, as PostgREST does and supabase-js users write them. */
import type { PGlite } from "@electric-sql/pglite";

/** Column names of type `vector` per table, and argument names per function, in `public`. */
export type VectorFields = Map<string, Set<string>>;

export async function loadVectorFields(pg: PGlite): Promise<VectorFields> {
  const { rows } = await pg.query<{ relation: string; field: string }>(`
    select c.relname as relation, a.attname as field
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    where n.nspname = 'public' and t.typname = 'vector' and a.attnum > 0 and not a.attisdropped
    union all
    select 'rpc/' || p.proname, arg.name
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    cross join lateral unnest(p.proargnames[1:p.pronargs], p.proargtypes::oid[]) as arg(name, type)
    join pg_type t on t.oid = arg.type
    where n.nspname = 'public' and t.typname = 'vector'`);
  const fields: VectorFields = new Map();
  for (const { relation, field } of rows) {
    fields.set(relation, (fields.get(relation) ?? new Set()).add(field));
  }
  return fields;
}

const isNumberArray = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === "number");

/** Turns number arrays in vector fields into pgvector's text form (`[1,2,3]`); other values are left alone. */
export function rewriteVectors(body: unknown, fields: Set<string>): unknown {
  if (Array.isArray(body)) return body.map((row) => rewriteVectors(row, fields));
  if (typeof body !== "object" || body === null) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, fields.has(key) && isNumberArray(value) ? JSON.stringify(value) : value]),
  );
}
