/**
 * @module Where @supabase/lite answers a /rest/v1 request unlike PostgREST and the fix is smaller
 * around it than inside it: the request's search_path (`[api] extra_search_path`), 42712 for two
 * embeds of one name, `Prefer: count=estimated` (exact below max-rows, the planner's estimate
 * above), `hint: null` for an unknown function (lite suggested, so leaked, other functions' names),
 * `{"": value}` to one unnamed text parameter, and CSV in Postgres's text form.
 */
import { startSession, type LocalDatabase } from "../db/index.ts";
import { asJsonRequest, csvRequestOf, csvTypes, toCsv } from "./csv-text-form.ts";
import { duplicateEmbedAlias } from "./duplicate-embeds.ts";
import { unnamedTextCall } from "./unnamed-argument.ts";

type Next = (request: Request) => Promise<Response>;

/** The search_path the stack's session keeps (startSession) for requests in `public`. */
const SESSION_SEARCH_PATH = `"public", "extensions"`;

export interface RestRequest {
  request: Request;
  /** The request's schema (null: auth). */
  schema: string | null;
  /** search_path for the request (null: auth, left as the session has it). */
  searchPath: string | null;
  maxRows: number | undefined;
}

export function postgrestFidelity(db: LocalDatabase) {
  async function withSearchPath(searchPath: string | null, run: () => Promise<Response>): Promise<Response> {
    if (!searchPath || searchPath === SESSION_SEARCH_PATH) return run();
    await db.pg.exec(`set search_path = ${searchPath}`);
    try {
      return await run();
    } finally {
      await startSession(db.pg);
    }
  }

  async function answer(request: Request, searchPath: string | null, maxRows: number | undefined, next: Next): Promise<Response> {
    const duplicate = searchPath && duplicateEmbedOf(request);
    if (duplicate) {
      const message = `table name "${duplicate}" specified more than once`;
      return Response.json({ code: "42712", details: null, hint: null, message }, { status: 400 });
    }
    const response = await withSearchPath(searchPath, () =>
      searchPath && estimatedCount(request) ? countEstimated(request, maxRows, next) : next(request),
    );
    return searchPath && response.status === 404 ? withoutFunctionHint(response) : response;
  }

  return {
    /** Runs `next` (lite) for the request, inside the database lock. */
    async fetch({ request: asked, schema, searchPath, maxRows }: RestRequest, next: Next): Promise<Response> {
      const request = (schema && (await unnamedTextCall(db.pg, schema, asked))) || asked;
      const csv = schema && csvRequestOf(request);
      const types = schema && csv && (await csvTypes(db.pg, schema, csv));
      if (!types) return answer(request, searchPath, maxRows, next);
      const json = await answer(asJsonRequest(request), searchPath, maxRows, next);
      return json.ok ? toCsv(db.pg, types, json) : json;
    },
  };
}

function duplicateEmbedOf(request: Request): string | null {
  const url = new URL(request.url);
  const table = url.pathname.match(/^\/rest\/v1\/([A-Za-z_][A-Za-z0-9_$]*)$/)?.[1];
  const select = url.searchParams.get("select");
  return table && select ? duplicateEmbedAlias(select, table) : null;
}

const ESTIMATED = /\bcount=estimated\b/;

function estimatedCount(request: Request): boolean {
  return (request.method === "GET" || request.method === "HEAD") && ESTIMATED.test(request.headers.get("prefer") ?? "");
}

/** PostgREST: the exact count when it is at most max-rows, the planned count above it. */
async function countEstimated(request: Request, maxRows: number | undefined, next: Next): Promise<Response> {
  const withCount = (count: string, method = request.method) => {
    const headers = new Headers(request.headers);
    headers.set("prefer", headers.get("prefer")!.replace(ESTIMATED, `count=${count}`));
    return new Request(request.url, { method, headers });
  };
  const exact = await next(withCount("exact"));
  const total = Number(exact.headers.get("content-range")?.split("/")[1]);
  const headers = new Headers(exact.headers);
  const applied = headers.get("preference-applied");
  if (applied) headers.set("preference-applied", applied.replace("count=exact", "count=estimated"));
  if (maxRows !== undefined && Number.isFinite(total) && total > maxRows) {
    const planned = await next(withCount("planned", "HEAD"));
    const estimate = planned.headers.get("content-range")?.split("/")[1];
    const range = headers.get("content-range")!.split("/")[0];
    if (estimate) headers.set("content-range", `${range}/${estimate}`);
  }
  return new Response(exact.body, { status: exact.status, statusText: exact.statusText, headers });
}

/** PostgREST's PGRST202 carries no hint; lite's named other functions of the schema. */
async function withoutFunctionHint(response: Response): Promise<Response> {
  const body = (await response.clone().json().catch(() => null)) as { code?: string; hint?: unknown } | null;
  if (body?.code !== "PGRST202" || body.hint === null) return response;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return Response.json({ ...body, hint: null }, { status: response.status, headers });
}
