/** @module What the lean read path may serve: relations in `public` and the foreign keys it may embed along. */
import type { PGlite } from "@electric-sql/pglite";

/** An embedding from one relation to another along a single-column foreign key. */
export interface Link {
  /** Column of the relation embedded into (`projects.id` for `projects?select=*,project_files(*)`). */
  fromColumn: string;
  /** Column of the embedded relation (`project_files.project_id`). */
  toColumn: string;
  /** One-to-many (a JSON array), many-to-one (an object or null), or one-to-one (left to lite). */
  kind: "many" | "one" | "one-to-one";
}

export interface SimpleSchema {
  /** Column names per relation, for relations whose every column renders through json_agg as lite renders it. */
  relations: Map<string, Set<string>>;
  /** `from/to` → the foreign keys joining them; an embedding is served only when there is exactly one. */
  links: Map<string, Link[]>;
}

/** Types whose JSON form is the same from json_agg (what PostgREST runs) and from @supabase/lite. */
const SAME_JSON_TYPES = new Set(["text", "varchar", "uuid", "bool", "int2", "int4", "float8", "jsonb", "json", "timestamptz", "timestamp", "date", "_text", "_uuid", "int8"]);
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export async function loadSimpleSchema(pg: PGlite): Promise<SimpleSchema> {
  const columns = await pg.query<{ relation: string; columns: string[]; types: string[] }>(`
    select c.relname as relation, array_agg(a.attname order by a.attnum) as columns, array_agg(t.typname order by a.attnum) as types
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p')
    group by c.relname`);
  const relations = new Map<string, Set<string>>();
  for (const row of columns.rows) {
    const names = row.columns.every((name) => IDENTIFIER.test(name));
    if (IDENTIFIER.test(row.relation) && names && row.types.every((type) => SAME_JSON_TYPES.has(type))) {
      relations.set(row.relation, new Set(row.columns));
    }
  }

  // Single-column foreign keys between public tables. A unique referencing column
  // would make the embedding one-to-one (an object), so those stay with lite.
  const keys = await pg.query<{ child: string; child_column: string; parent: string; parent_column: string; unique: boolean }>(`
    select child.relname as child, ca.attname as child_column, parent.relname as parent, pa.attname as parent_column,
           exists (select 1 from pg_index i where i.indrelid = k.conrelid and i.indisunique and i.indkey::int2[] = k.conkey) as unique
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    join pg_namespace cn on cn.oid = child.relnamespace
    join pg_namespace pn on pn.oid = parent.relnamespace
    join pg_attribute ca on ca.attrelid = k.conrelid and ca.attnum = k.conkey[1]
    join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
    where k.contype = 'f' and cardinality(k.conkey) = 1 and cn.nspname = 'public' and pn.nspname = 'public'`);
  const links = new Map<string, Link[]>();
  const add = (key: string, link: Link) => links.set(key, [...(links.get(key) ?? []), link]);
  for (const key of keys.rows) {
    if (key.child === key.parent || !relations.has(key.child) || !relations.has(key.parent)) continue;
    add(`${key.parent}/${key.child}`, { fromColumn: key.parent_column, toColumn: key.child_column, kind: key.unique ? "one-to-one" : "many" });
    add(`${key.child}/${key.parent}`, { fromColumn: key.child_column, toColumn: key.parent_column, kind: "one" });
  }
  return { relations, links };
}
