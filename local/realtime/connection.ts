/** @module One WebSocket: heartbeat, phx_join/leave, access_token, broadcast and presence pushes, handled in arrival order. */
import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import type { LocalDatabase } from "../db/index.ts";
import type { ProjectKeys } from "../keys.ts";
import { parseBindings } from "./bindings.ts";
import { MAX_BROADCAST_BYTES, relayBinary, relayJson } from "./broadcast.ts";
import { Channel, type ChannelTransport } from "./channel.ts";
import { decodeBinary, decodeText, encodeRaw, FrameError, type BinaryBroadcastPush, type Message, type Vsn } from "./frames.ts";
import type { Hub } from "./hub.ts";
import type { PresenceRegistry } from "./presence.ts";
import type { PublishedTable } from "./published-tables.ts";
import { mayJoin, topicPermissions } from "./topic-authorization.ts";
import { expiredSecondsAgo, requestedToken, resolveToken, TokenError, type ChannelIdentity } from "./tokens.ts";

export interface ServerState {
  db: LocalDatabase;
  keys: ProjectKeys;
  hub: Hub;
  presence: PresenceRegistry;
  tables: readonly PublishedTable[];
}

const OK_EMPTY = '{"status":"ok","response":{}}';
const MAX_TIMER_MS = 2 ** 31 - 1;
const cannotRead = (subTopic: string) => `You do not have permissions to read from this Channel topic: ${subTopic}`;

const objectOf = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export class Connection implements ChannelTransport {
  private readonly channels = new Map<string, Channel>();
  private queue: Promise<void> = Promise.resolve();
  private socketIdentity: Promise<ChannelIdentity> | null = null;
  /** When the client last sent anything; realtime-js heartbeats every 25 s. */
  lastSeen = Date.now();

  constructor(
    private readonly ws: WebSocket,
    readonly vsn: Vsn,
    private readonly apikey: string,
    private readonly state: ServerState,
  ) {
    ws.on("message", (data, isBinary) => {
      this.lastSeen = Date.now();
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      this.queue = this.queue.then(() => this.receive(buffer, isBinary)).catch((error: unknown) => console.error("[realtime] message failed:", error));
    });
    ws.on("close", () => {
      for (const channel of [...this.channels.values()]) this.removeChannel(channel);
    });
    ws.on("error", () => ws.terminate());
  }

  send(data: string | Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(data);
  }

  terminate(): void {
    this.ws.terminate();
  }

  private async receive(data: Buffer, isBinary: boolean): Promise<void> {
    try {
      if (isBinary) return this.broadcastBinary(decodeBinary(data));
      return await this.handle(decodeText(data.toString("utf8"), this.vsn));
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      // Phoenix drops frames it cannot decode; so do we.
    }
  }

  private reply(joinRef: string | null, ref: string | null, topic: string, payloadJson: string): void {
    this.send(encodeRaw(this.vsn, joinRef, ref, topic, "phx_reply", payloadJson));
  }

  private replyError(message: Pick<Message, "joinRef" | "ref" | "topic">, reason: string): void {
    this.reply(message.joinRef, message.ref, message.topic, JSON.stringify({ status: "error", response: { reason } }));
  }

  private async handle(message: Message): Promise<void> {
    if (message.topic === "phoenix") {
      if (message.event === "heartbeat") this.reply(null, message.ref, "phoenix", OK_EMPTY);
      return;
    }
    if (message.event === "phx_join") return this.join(message);
    if (message.event === "phx_leave") return this.leave(message);
    const channel = this.channels.get(message.topic);
    if (!channel) return this.replyError(message, "unmatched topic");
    switch (message.event) {
      case "access_token":
        return this.refreshToken(channel, message);
      case "broadcast":
        return this.broadcastJson(channel, message);
      case "presence":
        return this.presence(channel, message);
    }
  }

  private async join(message: Message): Promise<void> {
    const joinRef = message.joinRef ?? message.ref ?? "";
    const fail = (reason: string) => this.replyError({ ...message, joinRef }, reason);
    if (!message.topic.startsWith("realtime:")) return fail("unmatched topic");
    const existing = this.channels.get(message.topic);
    if (existing) {
      existing.sendClose();
      this.removeChannel(existing);
    }
    const subTopic = message.topic.slice("realtime:".length);
    if (!subTopic) return fail("TopicNameRequired: You must provide a topic name");

    const config = objectOf(message.payload.config);
    let identity: ChannelIdentity;
    try {
      const token = requestedToken(message.payload);
      identity = token ? await resolveToken(token, this.state.keys) : await this.apikeyIdentity();
    } catch (error) {
      if (error instanceof TokenError) return fail(error.message);
      throw error;
    }
    const isPrivate = config.private === true;
    const permissions = isPrivate ? await topicPermissions(this.state.db, subTopic, identity) : null;
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (permissions && !mayJoin(permissions)) return fail(`Unauthorized: ${cannotRead(subTopic)}`);

    const broadcast = objectOf(config.broadcast);
    const presence = objectOf(config.presence);
    const parsed = parseBindings(config.postgres_changes, this.state.tables);
    const channel = new Channel(this, {
      topic: message.topic,
      joinRef,
      isPrivate,
      self: broadcast.self === true,
      ack: broadcast.ack === true,
      presenceKey: typeof presence.key === "string" && presence.key !== "" ? presence.key : randomUUID(),
      presenceEnabled: presence.enabled === true,
      identity,
      permissions,
      bindings: parsed.bindings,
    });
    this.channels.set(channel.topic, channel);
    this.state.hub.add(channel);

    channel.reply(message.ref, "ok", { postgres_changes: parsed.reply });
    if (channel.presenceEnabled) channel.push("presence_state", this.state.presence.state(channel), true);
    if (parsed.error) channel.system("postgres_changes", "error", parsed.error);
    else if (parsed.bindings.length > 0) channel.system("postgres_changes", "ok", "Subscribed to PostgreSQL");
    if (broadcast.replication_ready === true) channel.system("system", "ok", "Replication connection established");
    this.armExpiry(channel);
  }

  private leave(message: Message): void {
    const channel = this.channels.get(message.topic);
    this.reply(message.joinRef, message.ref, message.topic, OK_EMPTY);
    // A leave left over from an earlier join of the topic must not end the current one.
    if (!channel || (message.joinRef !== null && message.joinRef !== channel.joinRef)) return;
    channel.sendClose();
    this.removeChannel(channel);
  }

  /** The claims of the socket's apikey: what a join without its own token acts as. */
  private apikeyIdentity(): Promise<ChannelIdentity> {
    this.socketIdentity ??= resolveToken(this.apikey, this.state.keys);
    return this.socketIdentity;
  }

  /**
   * No reply: re-checks the token (and a private channel's policies), swaps the
   * channel's claims (and so its RLS identity and permissions), or ends the channel.
   */
  private async refreshToken(channel: Channel, message: Message): Promise<void> {
    const token = message.payload.access_token;
    if (typeof token !== "string" || token === "" || token.startsWith("sb_") || token === channel.identity.token) return;
    let identity: ChannelIdentity;
    try {
      identity = await resolveToken(token, this.state.keys);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      return this.shutDown(channel, error.detail);
    }
    const permissions = channel.isPrivate ? await topicPermissions(this.state.db, channel.subTopic, identity) : null;
    if (channel.closed) return;
    if (permissions && !mayJoin(permissions)) return this.shutDown(channel, cannotRead(channel.subTopic));
    channel.identity = identity;
    channel.permissions = permissions;
    this.armExpiry(channel);
    if (channel.bindings.length > 0) channel.system("postgres_changes", "ok", "Subscribed to PostgreSQL");
  }

  /** The real server's "shutdown" path: a `system` error, then `phx_close` (the client does not rejoin). */
  private shutDown(channel: Channel, reason: string): void {
    if (channel.closed) return;
    channel.system("system", "error", reason);
    channel.sendClose();
    this.removeChannel(channel);
  }

  private armExpiry(channel: Channel): void {
    if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
    channel.expiryTimer = null;
    const { identity } = channel;
    if (identity.expiresAt === null) return;
    const delay = Math.min(Math.max(identity.expiresAt - Date.now(), 0), MAX_TIMER_MS);
    channel.expiryTimer = setTimeout(() => {
      if (channel.closed || channel.identity !== identity) return;
      if (Date.now() < identity.expiresAt!) return this.armExpiry(channel);
      this.shutDown(channel, `Token has expired ${expiredSecondsAgo(identity)} seconds ago`);
    }, delay);
    channel.expiryTimer.unref();
  }

  private broadcastJson(channel: Channel, message: Message): void {
    const { event, payload } = message.payload;
    if (typeof event !== "string") return this.replyError(message, "broadcast needs an event");
    if (Buffer.byteLength(JSON.stringify(payload ?? null)) > MAX_BROADCAST_BYTES) return this.payloadTooLarge(channel, message.ref);
    // The real server drops a broadcast its policies do not allow, without a reply.
    if (!channel.may("broadcastWrite")) return;
    relayJson(this.state.hub, channel.namespace, channel, { event, payload });
    if (channel.ack) channel.reply(message.ref, "ok", {});
  }

  private broadcastBinary(push: BinaryBroadcastPush): void {
    const channel = this.channels.get(push.topic);
    if (!channel) return this.replyError(push, "unmatched topic");
    if (push.payload.length > MAX_BROADCAST_BYTES) return this.payloadTooLarge(channel, push.ref);
    if (!channel.may("broadcastWrite")) return;
    relayBinary(this.state.hub, channel.namespace, channel, push);
    if (channel.ack) channel.reply(push.ref, "ok", {});
  }

  private payloadTooLarge(channel: Channel, ref: string | null): void {
    if (channel.ack) this.reply(channel.joinRef, ref, channel.topic, '{"status":"error","response":"payload_size_exceeded"}');
  }

  private presence(channel: Channel, message: Message): void {
    const { event, payload } = message.payload;
    if (event === "track") {
      if (!channel.may("presenceWrite")) {
        return channel.reply(message.ref, "error", { reason: `Unauthorized: You do not have permissions to track presence on this Channel topic: ${channel.subTopic}` });
      }
      channel.reply(message.ref, "ok", {});
      channel.presenceEnabled = true;
      this.state.presence.track(channel, objectOf(payload));
    } else if (event === "untrack") {
      channel.reply(message.ref, "ok", {});
      this.state.presence.untrack(channel);
    } else {
      channel.reply(message.ref, "error", { reason: "unknown presence event" });
    }
  }

  private removeChannel(channel: Channel): void {
    if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
    if (channel.closed) return;
    channel.closed = true;
    if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
    this.state.hub.remove(channel);
    this.state.presence.untrack(channel);
  }
}
