/**
 * @module A function with one unnamed `text` parameter called with the JSON body `{"": value}`:
 * PostgREST matches the key "" to the unnamed parameter and passes the body itself, as text
 * (`fn('{"":"value"}')`). lite matches names only, so the request goes to lite as that text body
 * (text/plain), which the patched lite passes to the one unnamed text parameter.
 */
import type { PGlite } from "@electric-sql/pglite";

const RPC = /^\/rest\/v1\/rpc\/([A-Za-z_][A-Za-z0-9_$]*)$/;

/** The request as a text/plain body when it is `{"": …}` to a function taking one unnamed text; else null. */
export async function unnamedTextCall(pg: PGlite, schema: string, request: Request): Promise<Request | null> {
  const name = request.method === "POST" ? new URL(request.url).pathname.match(RPC)?.[1] : undefined;
  const type = request.headers.get("content-type") ?? "application/json";
  if (!name || !type.toLowerCase().startsWith("application/json")) return null;
  const text = await request.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const keys = typeof body === "object" && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  if (keys.length !== 1 || keys[0] !== "") return null;
  const { rows } = await pg.query<{ type: string }>(
    `select p.proargtypes[0]::regtype::text as type
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace s on s.oid = p.pronamespace
      where s.nspname = $1 and p.proname = $2 and p.pronargs = 1 and p.prokind = 'f'
        and coalesce(p.proargnames[1], '') = ''`,
    [schema, name],
  );
  // With a json/jsonb overload too PostgREST has two candidates; lite's json fallback answers that case.
  if (rows.length !== 1 || rows[0]!.type !== "text") return null;
  const headers = new Headers(request.headers);
  headers.set("content-type", "text/plain");
  return new Request(request.url, { method: "POST", headers, body: text });
}
