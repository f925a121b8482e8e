/** @module The tables of the supabase_realtime publication: columns, primary key, per-role column privileges, RLS check SQL. */
import type { LocalDatabase } from "../db/index.ts";

export interface Column {
  name: string;
  /** `pg_type.typname`: int4, text, uuid, timestamptz, _text, … */
  type: string;
}

export interface PublishedTable {
  schema: string;
  name: string;
  /** `schema.table`. */
  key: string;
  /** In attnum order. */
  columns: Column[];
  types: ReadonlyMap<string, string>;
  primaryKey: string[];
  /** Columns each API role may SELECT (has_column_privilege). */
  selectable: ReadonlyMap<string, ReadonlySet<string>>;
  /** `select exists(...)` finding the row by primary key, the key given as jsonb `$1`. */
  visibilitySql: string;
}

const API_ROLES = ["anon", "authenticated", "service_role"];

interface CatalogRow {
  schema: string;
  name: string;
  columns: Column[] | null;
  primary_key: string[] | null;
  selectable: Record<string, string[] | null>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function visibilitySql(schema: string, name: string, primaryKey: string[]): string {
  const relation = `${ident(schema)}.${ident(name)}`;
  const match = primaryKey.map((column) => `t.${ident(column)} = k.${ident(column)}`).join(" and ");
  return `select exists(select 1 from ${relation} t, pg_catalog.jsonb_populate_record(null::${relation}, $1) k where ${match})`;
}

/** Reads the publication now; call at setup, after the migrations ran. */
export async function loadPublishedTables(db: LocalDatabase): Promise<PublishedTable[]> {
  const { rows } = await db.exclusive(() =>
    db.pg.query<CatalogRow>(
      `select p.schemaname as schema, p.tablename as name,
              (select json_agg(json_build_object('name', a.attname, 'type', ty.typname) order by a.attnum)
                 from pg_attribute a join pg_type ty on ty.oid = a.atttypid
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
              (select json_agg(a.attname order by array_position(i.indkey::int2[], a.attnum))
                 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
                where i.indrelid = c.oid and i.indisprimary) as primary_key,
              (select json_object_agg(r.role, (
                        select json_agg(a.attname)
                          from pg_attribute a
                         where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                           and has_column_privilege(r.role, c.oid, a.attnum, 'SELECT')))
                 from unnest($1::text[]) as r(role)) as selectable
         from pg_publication_tables p
         join pg_class c on c.oid = format('%I.%I', p.schemaname, p.tablename)::regclass
        where p.pubname = 'supabase_realtime'
        order by 1, 2`,
      [API_ROLES],
    ),
  );
  return rows.map((row) => {
    const columns = row.columns ?? [];
    const primaryKey = row.primary_key ?? [];
    return {
      schema: row.schema,
      name: row.name,
      key: `${row.schema}.${row.name}`,
      columns,
      types: new Map(columns.map((column) => [column.name, column.type])),
      primaryKey,
      selectable: new Map(API_ROLES.map((role) => [role, new Set(row.selectable[role] ?? [])])),
      visibilitySql: visibilitySql(row.schema, row.name, primaryKey),
    };
  });
}
