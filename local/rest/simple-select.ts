/** @module A lean path for the commonest PostgREST reads (columns, one level of embedding, equality-style filters), in one database round trip. */
import type { PGlite } from "@electric-sql/pglite";
import type { Link, SimpleSchema } from "./simple-schema.ts";

const OPERATORS: Record<string, string> = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" };
/** Query keys PostgREST or the gateway give a meaning, never taken as a column filter here. */
const RESERVED = new Set(["select", "order", "limit", "offset", "on_conflict", "columns", "or", "and", "not", "apikey"]);
/** `name(*)` or `name(a,b)`: an embedded relation with plain columns. */
const EMBED = /^([a-z_][a-z0-9_]*)\((.+)\)$/;
const ARRAY_JSON = "application/json";
const OBJECT_JSON = "application/vnd.pgrst.object+json";

/** `*` or column names, in the order asked. */
type Columns = string[] | "*";

export interface Embed {
  relation: string;
  columns: Columns;
  link: Link;
}

export interface SimpleSelect {
  relation: string;
  columns: Columns;
  embeds: Embed[];
  filters: { column: string; operator: string; value: string }[];
  /** `.single()`: one object, or lite answers the PGRST116 error. */
  single: boolean;
  /** PostgREST's `max_rows` (supabase/config.toml), which lite applies to each level too; absent: no limit. */
  maxRows?: number;
  /** The Content-Location lite sends: the relation and its query, keys sorted. */
  location: string | null;
}

/** Columns of `relation` from a select list, or null when any item is not a plain known column. */
function plainColumns(items: string[], known: Set<string>): Columns | null {
  if (items.length === 1 && items[0] === "*") return "*";
  return items.every((item) => known.has(item)) ? items : null;
}

/** Splits a select list on the commas outside parentheses. */
export function selectItems(select: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < select.length; i++) {
    if (select[i] === "(") depth++;
    else if (select[i] === ")") depth--;
    else if (select[i] === "," && depth === 0) items.push(select.slice(start, i)), (start = i + 1);
  }
  return [...items, select.slice(start)];
}

function parseSelect(select: string, relation: string, schema: SimpleSchema): Pick<SimpleSelect, "columns" | "embeds"> | null {
  const known = schema.relations.get(relation)!;
  const own: string[] = [];
  const embeds: Embed[] = [];
  for (const item of selectItems(select)) {
    const embed = EMBED.exec(item);
    if (!embed) {
      own.push(item);
      continue;
    }
    const [, target, inner] = embed as unknown as [string, string, string];
    const links = schema.links.get(`${relation}/${target}`);
    const columns = schema.relations.has(target) && plainColumns(inner.split(","), schema.relations.get(target)!);
    if (!columns || links?.length !== 1 || links[0]!.kind === "one-to-one") return null;
    if (embeds.some((other) => other.relation === target)) return null; // PostgREST's 42712

    embeds.push({ relation: target, columns, link: links[0]! });
  }
  const columns = own.length ? plainColumns(own, known) : [];
  return columns && { columns, embeds };
}

/**
 * The plan when the request is a GET that needs nothing beyond a column list,
 * one level of unambiguous embedding and eq/neq/gt/gte/lt/lte filters on a
 * known relation; null sends it to lite.
 */
export function planSimpleSelect(request: Request, schema: SimpleSchema, maxRows?: number): SimpleSelect | null {
  if (request.method !== "GET") return null;
  const { headers } = request;
  if (headers.has("prefer") || headers.has("range") || headers.has("content-profile")) return null;
  const profile = headers.get("accept-profile");
  if (profile !== null && profile !== "public") return null;
  const accept = headers.get("accept") ?? "*/*";
  if (accept !== "*/*" && accept !== ARRAY_JSON && accept !== OBJECT_JSON) return null;

  const url = new URL(request.url);
  const relation = url.pathname.match(/^\/rest\/v1\/([a-z_][a-z0-9_]*)$/)?.[1];
  const known = relation && schema.relations.get(relation);
  if (!known) return null;

  let select: Pick<SimpleSelect, "columns" | "embeds"> | null = { columns: "*", embeds: [] };
  const filters: SimpleSelect["filters"] = [];
  for (const [key, value] of url.searchParams) {
    if (value.includes("\0")) return null;
    if (key === "select") {
      select = parseSelect(value, relation, schema);
      if (!select) return null;
      continue;
    }
    const dot = value.indexOf(".");
    const operator = OPERATORS[value.slice(0, dot)];
    if (RESERVED.has(key) || !known.has(key) || dot < 0 || !operator) return null;
    filters.push({ column: key, operator, value: value.slice(dot + 1) });
  }
  const sorted = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(sorted).toString();
  const location = query ? `/${relation}?${query}` : null;
  return { relation, ...select, filters, single: accept === OBJECT_JSON, location, maxRows };
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
const columnList = (columns: Columns, alias: string) =>
  columns === "*" ? [`${alias}.*`] : columns.map((name) => `${alias}.${quoteIdent(name)}`);

/** An embedded relation as a column, the way PostgREST builds it: a correlated json_agg (or one row's JSON). */
function embedSql({ relation, columns, link }: Embed, index: number, limit: string): string {
  const alias = `_e${index}`;
  const rows = `select ${columnList(columns, alias).join(", ")} from public.${quoteIdent(relation)} ${alias}` +
    ` where ${alias}.${quoteIdent(link.toColumn)} = _p.${quoteIdent(link.fromColumn)}`;
  const json = link.kind === "many"
    ? `(select coalesce(json_agg(_j), '[]') from (${rows}${limit}) _j)`
    : `(select row_to_json(_j) from (${rows}) _j)`;
  return `${json} as ${quoteIdent(relation)}`;
}

/** The whole request as one simple-protocol batch: BEGIN, the caller's settings, the select, COMMIT. */
export function simpleSelectSql(plan: SimpleSelect, caller: CallerSettings): string {
  const limit = plan.maxRows ? ` limit ${plan.maxRows}` : "";
  const embeds = plan.embeds.map((embed, index) => embedSql(embed, index, limit));
  const columns = [...(plan.columns.length || !plan.embeds.length ? columnList(plan.columns, "_p") : []), ...embeds];
  const where = plan.filters.map(({ column, operator, value }) => `_p.${quoteIdent(column)} ${operator} ${literal(value)}`);
  const rows = `select ${columns.join(", ")} from public.${quoteIdent(plan.relation)} _p` +
    `${where.length ? ` where ${where.join(" and ")}` : ""}${limit}`;
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
