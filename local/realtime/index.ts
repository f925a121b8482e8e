/** @module /realtime/v1: the Realtime surface (Phoenix WebSocket with postgres_changes, broadcast, presence, and the broadcast REST API). */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { roleOfApiKey } from "../auth/identity.ts";
import type { SurfacePlugin } from "../surface.ts";
import { createBroadcastApi } from "./broadcast-api.ts";
import { MAX_BROADCAST_BYTES } from "./broadcast.ts";
import { installCapture } from "./capture-sql.ts";
import { ChangeFeed } from "./change-feed.ts";
import { Connection } from "./connection.ts";
import { VSNS, type Vsn } from "./frames.ts";
import { Hub } from "./hub.ts";
import { PresenceRegistry } from "./presence.ts";
import { loadPublishedTables } from "./published-tables.ts";
import { installTopicAuthorization } from "./topic-authorization.ts";

const IDLE_TIMEOUT_MS = 60_000;
const WEBSOCKET_PATHS = new Set(["/realtime/v1/websocket", "/realtime/v1/websocket/"]);

/** Refuses an upgrade with a JSON body, as the real server does before the WebSocket exists. */
function refuse(socket: Duplex, status: number, reason: string, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The Realtime surface. Setup installs the change capture (after migrations),
 * reads the `supabase_realtime` publication and starts listening for changes.
 *
 * @example startStack(config, [...defaultPlugins, realtime])
 */
export const realtime: SurfacePlugin = {
  name: "realtime",
  async setup({ db, keys }) {
    await installCapture(db);
    await installTopicAuthorization(db);
    const tables = await loadPublishedTables(db);
    const hub = new Hub();
    const state = { db, keys, hub, presence: new PresenceRegistry(hub), tables };
    const feed = new ChangeFeed(db, tables, hub);
    await feed.start();

    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BROADCAST_BYTES + 64 * 1024 });
    const connections = new Set<Connection>();
    const broadcastApi = createBroadcastApi(db, keys, hub);

    // Phoenix drops a socket that has been silent for a minute (a client gone without a close).
    const idleSweep = setInterval(() => {
      const cutoff = Date.now() - IDLE_TIMEOUT_MS;
      for (const connection of connections) if (connection.lastSeen < cutoff) connection.terminate();
    }, IDLE_TIMEOUT_MS / 4);
    idleSweep.unref();

    function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (!WEBSOCKET_PATHS.has(url.pathname)) return refuse(socket, 404, "Not Found", "Not found");
      const apikey = url.searchParams.get("apikey") ?? header(request, "apikey") ?? header(request, "x-api-key");
      if (!apikey) return refuse(socket, 401, "Unauthorized", "API key is missing");
      if (!roleOfApiKey(apikey, keys)) return refuse(socket, 401, "Unauthorized", "Invalid API key");
      const vsn = (url.searchParams.get("vsn") ?? "1.0.0") as Vsn;
      if (!VSNS.includes(vsn)) return refuse(socket, 400, "Bad Request", "Unsupported serializer version");
      wss.handleUpgrade(request, socket, head, (ws) => {
        const connection = new Connection(ws, vsn, apikey, state);
        connections.add(connection);
        ws.once("close", () => connections.delete(connection));
      });
    }

    return {
      prefixes: ["/realtime/v1"],
      upgrade,
      async fetch(request) {
        const response = await broadcastApi(request);
        return response ?? Response.json({ message: "no Route matched with those values" }, { status: 404 });
      },
      async close() {
        clearInterval(idleSweep);
        for (const connection of connections) connection.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await feed.stop();
      },
    };
  },
};
