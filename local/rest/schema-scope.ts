/**
 * @module Shows @supabase/lite one schema at a time, as PostgREST resolves names only in the request's schema.
 *
 * lite introspects every schema and matches tables, embeds and `*` by bare name, so
 * `users?select=messages(*)` found `realtime.messages` and `auth.users`. While a request
 * runs (one at a time, under the database lock), lite's schema cache holds only the
 * request's schema: its tables, views, columns, keys, functions, and the foreign keys
 * with both ends in it (PostgREST embeds nothing through an unexposed schema).
 */
import type { PgliteConnection } from "@supabase/lite/pglite";

type Introspection = Awaited<ReturnType<PgliteConnection["introspect"]>>;
type IntrospectOptions = Parameters<PgliteConnection["introspect"]>[0];

/** Entries of these lists carry the schema of the relation they belong to. */
const BY_SCHEMA = [
  "tables", "columns", "views", "indexes", "primary_keys", "unique_constraints",
  "check_constraints", "comments", "partitions", "functions", "triggers",
] as const;

export interface SchemaScope {
  /** The schema lite sees until the next call; null shows every schema (auth, admin). */
  set(schema: string | null): void;
}

export function scopeIntrospection(connection: PgliteConnection): SchemaScope {
  const introspect = connection.introspect.bind(connection);
  const scoped = new WeakMap<Introspection, Map<string, Introspection>>();
  let current: string | null = null;
  connection.introspect = async (options?: IntrospectOptions) => {
    const full = await introspect(options);
    const schema = current;
    if (schema === null || !options?.useCache || (options as { postprocess?: boolean }).postprocess === false) return full;
    let bySchema = scoped.get(full);
    if (!bySchema) scoped.set(full, (bySchema = new Map()));
    let view = bySchema.get(schema);
    if (!view) bySchema.set(schema, (view = onlySchema(full, schema)));
    return view;
  };
  return { set: (schema) => void (current = schema) };
}

function onlySchema(full: Introspection, schema: string): Introspection {
  const view: Record<string, unknown> = { ...full, default_schema: schema };
  const record = full as unknown as Record<string, Array<{ schema?: string }> | undefined>;
  for (const key of BY_SCHEMA) view[key] = record[key]?.filter((entry) => (entry.schema ?? schema) === schema);
  view.foreign_keys = full.foreign_keys?.filter(
    (key) => key.schema === schema && ((key as { ref_schema?: string }).ref_schema ?? schema) === schema,
  );
  return view as unknown as Introspection;
}

/** The schema a PostgREST request addresses: its profile header, else the first exposed schema. */
export function requestSchema(request: Request, exposed: string[]): string {
  const reads = request.method === "GET" || request.method === "HEAD";
  const profile = request.headers.get(reads ? "accept-profile" : "content-profile");
  return profile ?? exposed[0] ?? "public";
}
