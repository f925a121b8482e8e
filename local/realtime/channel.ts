/** @module One joined channel of one socket: its config, identity, postgres_changes bindings, and how to push to it. */
import { encodeRaw, type Vsn } from "./frames.ts";
import type { Condition } from "./filters.ts";
import type { TopicPermissions } from "./topic-authorization.ts";
import type { ChannelIdentity } from "./tokens.ts";

/** What a channel needs from its socket. */
export interface ChannelTransport {
  readonly vsn: Vsn;
  send(data: string | Buffer): void;
}

export type ChangeEvent = "INSERT" | "UPDATE" | "DELETE";

export interface PostgresBinding {
  /** The id echoed in the join reply and listed in `postgres_changes.ids`. */
  id: number;
  event: "*" | ChangeEvent;
  /** `schema.table` keys this binding covers (wildcards expanded at join). */
  tables: ReadonlySet<string>;
  conditions: Condition[];
  /** Columns asked for with `select`, or null for all. */
  select: readonly string[] | null;
}

export interface ChannelOptions {
  topic: string;
  joinRef: string;
  isPrivate: boolean;
  self: boolean;
  ack: boolean;
  presenceKey: string;
  presenceEnabled: boolean;
  identity: ChannelIdentity;
  permissions: TopicPermissions | null;
  bindings: PostgresBinding[];
}

export class Channel {
  readonly topic: string;
  /** The name after `realtime:`. */
  readonly subTopic: string;
  readonly joinRef: string;
  readonly isPrivate: boolean;
  /** Public and private channels of one name are separate namespaces. */
  readonly namespace: string;
  readonly self: boolean;
  readonly ack: boolean;
  readonly presenceKey: string;
  presenceEnabled: boolean;
  identity: ChannelIdentity;
  /** What the identity's policies allow on a private channel; null on a public one, where everything is allowed. */
  permissions: TopicPermissions | null;
  bindings: PostgresBinding[];
  closed = false;
  expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly transport: ChannelTransport,
    options: ChannelOptions,
  ) {
    this.topic = options.topic;
    this.subTopic = options.topic.slice("realtime:".length);
    this.joinRef = options.joinRef;
    this.isPrivate = options.isPrivate;
    this.namespace = `${options.isPrivate ? "private" : "public"}:${options.topic}`;
    this.self = options.self;
    this.ack = options.ack;
    this.presenceKey = options.presenceKey;
    this.presenceEnabled = options.presenceEnabled;
    this.identity = options.identity;
    this.permissions = options.permissions;
    this.bindings = options.bindings;
  }

  may(action: keyof TopicPermissions): boolean {
    return this.permissions === null || this.permissions[action];
  }

  get vsn(): Vsn {
    return this.transport.vsn;
  }

  /** A server push on this channel; `withJoinRef` for pushes that Phoenix tags with the join (system, presence_state). */
  push(event: string, payload: object, withJoinRef = false): void {
    this.pushRaw(event, JSON.stringify(payload), withJoinRef);
  }

  pushRaw(event: string, payloadJson: string, withJoinRef = false): void {
    if (this.closed) return;
    this.transport.send(encodeRaw(this.vsn, withJoinRef ? this.joinRef : null, null, this.topic, event, payloadJson));
  }

  reply(ref: string | null, status: "ok" | "error", response: unknown): void {
    this.transport.send(encodeRaw(this.vsn, this.joinRef, ref, this.topic, "phx_reply", JSON.stringify({ status, response })));
  }

  /** `phx_close` with ref = join_ref, the way Phoenix ends a channel. */
  sendClose(): void {
    this.transport.send(encodeRaw(this.vsn, this.joinRef, this.joinRef, this.topic, "phx_close", "{}"));
  }

  system(extension: "postgres_changes" | "system", status: "ok" | "error", message: string): void {
    this.push("system", { extension, status, message, channel: this.subTopic }, true);
  }
}
