/**
 * @module CSV as PostgREST writes it: each row in Postgres's text form (jsonb `{"a": 1}`, arrays
 * `{x,"y z"}`, booleans `t`/`f`), made by Postgres from the row type, header line from the first row's
 * keys. lite renders values as JSON text; for a plain column list on a table or view the JSON rows are
 * turned back into the table's row type and printed by Postgres.
 */
import type { PGlite } from "@electric-sql/pglite";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** The table of a GET whose answer is CSV and whose select is `*` or plain column names; else null. */
export function csvTableOf(request: Request): string | null {
  if (request.method !== "GET") return null;
  const accept = request.headers.get("accept") ?? "";
  if (accept.split(",")[0]?.split(";")[0]?.trim().toLowerCase() !== "text/csv") return null;
  const url = new URL(request.url);
  const table = url.pathname.match(/^\/rest\/v1\/([A-Za-z_][A-Za-z0-9_$]*)$/)?.[1];
  const select = url.searchParams.get("select")?.replace(/\s/g, "");
  const plain = !select || select === "*" || select.split(",").every((column) => IDENTIFIER.test(column));
  return table && plain ? table : null;
}

/** The same request answered as JSON, for `toCsv`. */
export function asJsonRequest(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set("accept", "application/json");
  return new Request(request.url, { method: request.method, headers });
}

/** Postgres's text form of the JSON rows, or null when they are not rows of `schema.table` (lite's CSV stands). */
export async function toCsv(pg: PGlite, schema: string, table: string, json: Response): Promise<Response | null> {
  const rows = (await json.clone().json().catch(() => null)) as Array<Record<string, unknown>> | null;
  if (!Array.isArray(rows) || rows.some((row) => typeof row !== "object" || row === null)) return null;
  const columns = Object.keys(rows[0] ?? {});
  if (!columns.every((column) => IDENTIFIER.test(column))) return null;
  let body = "";
  if (rows.length > 0) {
    const fields = columns.map((column) => `r."${column}"`).join(", ");
    const text = `select coalesce(string_agg(substr(t, 2, length(t) - 2), E'\\n' order by n), '') as body
      from (select row(${fields})::text as t, r.ordinality as n
            from json_populate_recordset(null::"${schema}"."${table}", $1::json) with ordinality as r) rows`;
    const answer = await pg.query<{ body: string }>(text, [JSON.stringify(rows)]).catch(() => null);
    if (!answer) return null;
    body = answer.rows[0]!.body;
  }
  const headers = new Headers(json.headers);
  headers.set("content-type", "text/csv; charset=utf-8");
  headers.delete("content-length");
  return new Response(`${columns.join(",")}\n${body}`, { status: json.status, statusText: json.statusText, headers });
}
