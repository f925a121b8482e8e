/** @module /rest/v1 and /auth/v1: @supabase/lite's PostgREST and GoTrue over the local database, with its gaps closed. */
import { join } from "node:path";
import { App } from "@supabase/lite";
import { supabaseDir } from "../db/index.ts";
import { batchTransactionSettings } from "../db/batched-settings.ts";
import { handleAdminUsers } from "../auth/admin-users.ts";
import { roleOfApiKey } from "../auth/identity.ts";
import { refuseReusedRefreshToken } from "../auth/refresh-token-reuse.ts";
import type { SurfacePlugin } from "../surface.ts";
import { postgrestErrorBody, postgrestStatus, type DatabaseError } from "./postgrest-errors.ts";
import { liteApiConfig, readApiToml, searchPathFor, withDatabaseSettings } from "./api-config.ts";
import { withClientErrorsQuiet } from "./quiet-client-errors.ts";
import { restCallers } from "./rest-callers.ts";
import { postgrestFidelity } from "./postgrest-fidelity.ts";
import { requestSchema, scopeIntrospection } from "./schema-scope.ts";
import { listenForReload } from "./schema-reload.ts";
import { loadSimpleSchema } from "./simple-schema.ts";
import { planSimpleSelect, runSimpleSelect } from "./simple-select.ts";
import { loadTypedFields, rewriteTypedValues, type TypedFields } from "./typed-arguments.ts";

export const restAndAuth: SurfacePlugin = {
  name: "rest+auth",
  async setup({ db, keys, apiUrl }) {
    const callers = restCallers(keys);
    const apiToml = readApiToml(join(supabaseDir, "config.toml"));
    let api = await db.exclusive(() => withDatabaseSettings(db.pg, apiToml));
    const app = new App({
      connection: db.connection,
      api: liteApiConfig(api),
      auth: {
        enabled: true,
        jwt_secret: keys.jwtSecret,
        jwt_expiry: 3600,
        enable_signup: true,
        enable_refresh_token_rotation: true,
        refresh_token_reuse_interval: 0,
        site_url: apiUrl,
        email: { enable_confirmations: false },
      },
      options: {
        server: {
          disableStudio: true,
          disableFallback: true,
          admin: false,
          apiKeys: {
            resolver: async (key, context) => {
              const role = roleOfApiKey(key, keys);
              if (role) await callers.markJwtCaller(context);
              return role && { type: role === "anon" ? "publishable" : "secret", claims: { role } };
            },
          },
        },
      },
    } as ConstructorParameters<typeof App>[0]);
    await db.exclusive(() => app.init());
    batchTransactionSettings(db.pg);
    const scope = scopeIntrospection(db.connection);
    let typedFields = await db.exclusive(() => loadTypedFields(db.pg));
    let simpleSchema = await db.exclusive(() => loadSimpleSchema(db.pg));
    const reload = await listenForReload(db, {
      async schema() {
        await db.connection.clearSchemaCache();
        typedFields = await loadTypedFields(db.pg);
        simpleSchema = await loadSimpleSchema(db.pg);
      },
      async config() {
        api = await withDatabaseSettings(db.pg, apiToml);
        Object.assign((app as unknown as { config: { api: object } }).config.api, liteApiConfig(api));
      },
    });
    const fidelity = postgrestFidelity(db);

    /** Null when lite must serve the request. */
    async function serveSimpleSelect(request: Request): Promise<Response | null> {
      // The lean path reads `public`: only when that is the default schema, as PostgREST's first db-schema.
      const plan = api.schemas[0] === "public" ? planSimpleSelect(request, simpleSchema, api.maxRows) : null;
      const caller = plan && (await callers.settingsFor(request));
      return caller ? db.exclusive(() => runSimpleSelect(db.pg, plan, caller)) : null;
    }

    // @supabase/lite answers SQLSTATEs it does not know with 500 "SUP" and drops the
    // code; requests run one at a time (db.exclusive), so the last error is this request's.
    const last: { error: DatabaseError | null } = { error: null };
    const query = db.pg.query.bind(db.pg);
    db.pg.query = (async (...args: Parameters<typeof query>) => {
      try {
        return await query(...args);
      } catch (error) {
        last.error = error as DatabaseError;
        throw error;
      }
    }) as typeof db.pg.query;

    async function serve(request: Request): Promise<Response> {
      const refused = new URL(request.url).pathname.startsWith("/rest/v1/") && (await callers.refuseInvalidJwt(request));
      if (refused) return refused;
      await reload.apply();
      const simple = await serveSimpleSelect(request);
      if (simple) return simple;
      const admin = await handleAdminUsers(request, db, keys);
      if (admin) return admin;
      const prepared = await withTypedArguments(request, typedFields, requestSchema(request, api.schemas));
      return db.exclusive(() => withClientErrorsQuiet(async () => {
        const refused = await refuseReusedRefreshToken(prepared, db);
        if (refused) return refused;
        last.error = null;
        const rest = new URL(prepared.url).pathname.startsWith("/rest/v1");
        const schema = rest ? requestSchema(prepared, api.schemas) : null;
        scope.set(schema);
        const searchPath = schema && searchPathFor(schema, api);
        const response = await fidelity.fetch({ request: prepared, schema, searchPath, maxRows: api.maxRows }, (request) => app.fetch(request));
        if (response.status !== 500) return response;
        // HEAD answers carry no body; lite's 500 to a HEAD is the same "SUP" its GET gets.
        const body = request.method === "HEAD"
          ? { code: "SUP" }
          : ((await response.clone().json().catch(() => null)) as { code?: string; message?: string } | null);
        if (body?.code !== "SUP") return response;
        const error = last.error as DatabaseError | null;
        if (error?.code) {
          const authenticated = Boolean(request.headers.get("authorization"));
          return Response.json(postgrestErrorBody(error), { status: postgrestStatus(error.code, authenticated) });
        }
        // No statement failed: @supabase/lite rejected the request while reading it
        // (a select, filter or body it cannot parse), which PostgREST answers with 400.
        const message = (body.message ?? "Could not parse the request").replace(/^Error: /, "");
        return Response.json({ code: "PGRST100", message, details: null, hint: null }, { status: 400 });
      }));
    }

    return { prefixes: ["/rest/v1", "/auth/v1"], fetch: serve, close: () => reload.close() };
  },
};

async function withTypedArguments(request: Request, typedFields: TypedFields, schema: string): Promise<Request> {
  const url = new URL(request.url);
  const relation = url.pathname.match(/^\/rest\/v1\/(.+)$/)?.[1];
  const fields = relation && typedFields.get(`${schema}.${relation}`);
  if (!fields || request.method === "GET" || request.method === "HEAD" || request.method === "DELETE") return request;
  // A raw body (text/xml, application/octet-stream) goes to one unnamed parameter as it is.
  const type = request.headers.get("content-type");
  if (type && !type.toLowerCase().includes("json")) return request;
  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Request(request, { body: text });
  }
  return new Request(request, { body: JSON.stringify(rewriteTypedValues(body, fields, !relation.startsWith("rpc/"))) });
}
