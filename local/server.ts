/** @module The local Supabase: one HTTP server on Supabase's paths, each path served by a surface plug-in. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { configFromEnv, databaseUrl, type StackConfig } from "./config.ts";
import { openDatabase, serveWirePort, type LocalDatabase, type WirePort } from "./db/index.ts";
import { loadOrCreateKeys, type ProjectKeys } from "./keys.ts";
import type { Surface, SurfacePlugin } from "./surface.ts";
import { functions } from "./functions/index.ts";
import { realtime } from "./realtime/index.ts";
import { restAndAuth } from "./rest/index.ts";
import { scheduler } from "./scheduler.ts";
import { storage } from "./storage/index.ts";
import { web } from "./web/index.ts";

export interface LocalStack {
  apiUrl: string;
  /** postgresql://… of the wire-protocol port, when `config.dbPort` is set. */
  dbUrl?: string;
  keys: ProjectKeys;
  db: LocalDatabase;
  config: StackConfig;
  close(): Promise<void>;
}

/** `web` serves the SPA on every path the other surfaces do not claim. */
export const defaultPlugins: SurfacePlugin[] = [restAndAuth, realtime, storage, functions, scheduler(), web()];

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD",
  "access-control-allow-headers":
    "authorization, x-client-info, apikey, content-type, content-profile, accept-profile, prefer, range, x-upsert, x-metadata, cache-control, content-encoding, x-supabase-api-version, content-range",
  "access-control-expose-headers": "content-range, content-profile, content-location, x-total-count, range-unit, etag, content-disposition, last-modified",
  "access-control-max-age": "86400",
};

/** Edge Functions answer their own CORS on Supabase; the gateway adds it for every other path. */
function withCors(path: string, response: Response): Response {
  if (path.startsWith("/functions/v1")) return response;
  for (const [name, value] of Object.entries(CORS_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}

/** The surface whose prefix matches; the prefix "" (the web app) only answers what no other surface claims. */
function findSurface(surfaces: Surface[], path: string): Surface | undefined {
  return (
    surfaces.find((surface) => surface.prefixes.some((prefix) => prefix !== "" && (path === prefix || path.startsWith(`${prefix}/`)))) ??
    surfaces.find((surface) => surface.prefixes.includes(""))
  );
}

/** The Postgres wire port; when it cannot listen (say, a Supabase CLI stack has 54322), nothing is left open. */
async function serveWire(db: LocalDatabase, host: string, port: number, server: Server): Promise<WirePort> {
  try {
    return await serveWirePort(db, { host, port });
  } catch (error) {
    server.close();
    await db.pg.close();
    throw new Error(`The Postgres wire port cannot listen on ${host}:${port} (another one: CODEFORGE_DB_PORT): ${(error as Error).message}`);
  }
}

/**
 * Opens the database (applying new migrations), loads or creates the keys, and
 * serves every surface on one port. Resolves once listening.
 */
export async function startStack(
  config: StackConfig = configFromEnv(),
  plugins: SurfacePlugin[] = defaultPlugins,
): Promise<LocalStack> {
  const keys = await loadOrCreateKeys(config.dataDir);
  const db = await openDatabase({
    dataDir: config.inMemoryDatabase ? undefined : `${config.dataDir}/db`,
    migrations: config.applyMigrations,
  });

  const surfaces: Surface[] = [];
  const listener = getRequestListener(async (request) => {
    const path = new URL(request.url).pathname;
    const surface = findSurface(surfaces, path);
    if (request.method === "OPTIONS" && !path.startsWith("/functions/v1")) {
      return new Response(null, { status: 204, headers: CORS_HEADERS });
    }
    if (!surface?.fetch) return withCors(path, Response.json({ message: "no Route matched with those values" }, { status: 404 }));
    try {
      return withCors(path, await surface.fetch(request));
    } catch (error) {
      console.error(`[local] ${request.method} ${path} failed:`, error);
      return withCors(path, Response.json({ message: "Internal server error" }, { status: 500 }));
    }
  });
  // Idle connections live as long as behind Supabase's gateway, not Node's 5 s: a client reusing a
  // socket just as the server closes it gets ECONNRESET, which busy test processes ran into.
  const server: Server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, listener);
  server.on("upgrade", (request, socket, head) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const surface = findSurface(surfaces, path);
    if (surface?.upgrade) return surface.upgrade(request, socket, head);
    socket.end("HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n\r\n{\"message\":\"no Route matched with those values\"}");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const apiUrl = `http://${config.host}:${port}`;
  const context = { config, db, keys, apiUrl };
  const wire = config.dbPort === undefined ? undefined : await serveWire(db, config.host, config.dbPort, server);
  for (const plugin of plugins) surfaces.push(await plugin.setup(context));

  return {
    apiUrl,
    dbUrl: wire && databaseUrl(config.host, wire.port),
    keys,
    db,
    config,
    async close() {
      // Wire clients first: one holding a transaction holds the mutex the surfaces' last queries need.
      await wire?.close();
      // Surfaces next: open WebSockets (Realtime) would keep server.close() waiting.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const surface of surfaces.reverse()) await surface.close?.();
      server.closeAllConnections();
      await closed;
      await db.pg.close();
    },
  };
}
