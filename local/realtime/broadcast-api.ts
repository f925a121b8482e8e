/**
 * @module POST /realtime/v1/api/broadcast (supabase-js's fallback for sends before the join) and …/:topic/events/:event (httpSend).
 * A private message (`private: true`, `?private=true`) goes out only when the caller may write broadcasts
 * on its topic: the service role always, anyone else when a policy on realtime.messages allows the insert.
 */
import { credentialsOf, identify, type Identity } from "../auth/identity.ts";
import type { LocalDatabase } from "../db/index.ts";
import { isHttpError } from "../http-error.ts";
import type { ProjectKeys } from "../keys.ts";
import { MAX_BROADCAST_BYTES, relayBinary, relayJson } from "./broadcast.ts";
import type { Hub } from "./hub.ts";
import { topicPermissions } from "./topic-authorization.ts";

const BASE = "/realtime/v1/api/broadcast";
const SINGLE = /^\/realtime\/v1\/api\/broadcast\/([^/]+)\/events\/([^/]+)\/?$/;

const error = (status: number, message: string) => Response.json({ error: message }, { status });
const accepted = () => new Response(null, { status: 202 });

const mayWrite = async (db: LocalDatabase, identity: Identity, topic: string, isPrivate: boolean) =>
  !isPrivate || (await topicPermissions(db, topic, identity)).broadcastWrite;
const namespaceOf = (topic: string, isPrivate: boolean) => `${isPrivate ? "private" : "public"}:realtime:${topic}`;

/** Serves the broadcast REST endpoints; answers null for paths that are not its own. */
export function createBroadcastApi(db: LocalDatabase, keys: ProjectKeys, hub: Hub): (request: Request) => Promise<Response | null> {
  return async (request) => {
    const url = new URL(request.url);
    const single = SINGLE.exec(url.pathname);
    const batch = url.pathname === BASE || url.pathname === `${BASE}/`;
    if (!single && !batch) return null;
    if (request.method !== "POST") return error(405, "Method not allowed");

    let identity: Identity;
    try {
      identity = await identify(credentialsOf(request), keys);
    } catch (cause) {
      if (!isHttpError(cause)) throw cause;
      return error(cause.status, cause.message);
    }
    const body = Buffer.from(await request.arrayBuffer());
    if (body.length > MAX_BROADCAST_BYTES) return error(413, "payload_size_exceeded");

    if (single) {
      const [topic, event] = [decodeURIComponent(single[1]!), decodeURIComponent(single[2]!)];
      const isPrivate = url.searchParams.get("private") === "true";
      if (!(await mayWrite(db, identity, topic, isPrivate))) return error(403, `You do not have permissions to write to this Channel topic: ${topic}`);
      const namespace = namespaceOf(topic, isPrivate);
      if ((request.headers.get("content-type") ?? "").startsWith("application/octet-stream")) {
        relayBinary(hub, namespace, null, { event, encoding: 0, payload: body });
        return accepted();
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body.toString("utf8"));
      } catch {
        return error(400, "The body must be JSON, or application/octet-stream");
      }
      relayJson(hub, namespace, null, { event, payload });
      return accepted();
    }

    let messages: unknown;
    try {
      messages = (JSON.parse(body.toString("utf8")) as { messages?: unknown }).messages;
    } catch {
      return error(400, "The body must be JSON: {\"messages\": [...]}");
    }
    if (!Array.isArray(messages)) return error(400, "`messages` must be a list");
    for (const message of messages as Record<string, unknown>[]) {
      if (typeof message?.topic !== "string" || typeof message.event !== "string") {
        return error(400, "Each message needs a string `topic` and `event`");
      }
    }
    // One check per topic of the request: every message is sent with the same identity.
    const writable = new Map<string, boolean>();
    for (const message of messages as { topic: string; event: string; payload?: unknown; private?: unknown }[]) {
      const isPrivate = message.private === true;
      const namespace = namespaceOf(message.topic, isPrivate);
      let allowed = writable.get(namespace);
      if (allowed === undefined) writable.set(namespace, (allowed = await mayWrite(db, identity, message.topic, isPrivate)));
      if (!allowed) continue;
      relayJson(hub, namespace, null, { event: message.event, payload: message.payload ?? {} });
    }
    return accepted();
  };
}
