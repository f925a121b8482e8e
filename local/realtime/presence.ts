/** @module Presence as Phoenix.Presence tracks it: one entry per channel under its key, state on join, diffs to the topic. */
import { randomBytes } from "node:crypto";
import type { Channel } from "./channel.ts";
import type { Hub } from "./hub.ts";

type Meta = Record<string, unknown> & { phx_ref: string };
type Entries = Record<string, { metas: Meta[] }>;

interface Tracked {
  key: string;
  meta: Meta;
}

const newRef = () => randomBytes(9).toString("base64url");

export class PresenceRegistry {
  private readonly topics = new Map<string, Map<Channel, Tracked>>();

  constructor(private readonly hub: Hub) {}

  /** Everything tracked on the channel's topic, as `presence_state` carries it (nothing without presence read). */
  state(channel: Channel): Entries {
    const state: Entries = {};
    if (!channel.may("presenceRead")) return state;
    for (const { key, meta } of this.topics.get(channel.namespace)?.values() ?? []) {
      (state[key] ??= { metas: [] }).metas.push(meta);
    }
    return state;
  }

  /** Tracks (or re-tracks, replacing the meta) the channel's presence and tells the topic. */
  track(channel: Channel, payload: Record<string, unknown>): void {
    let topic = this.topics.get(channel.namespace);
    if (!topic) this.topics.set(channel.namespace, (topic = new Map()));
    const previous = topic.get(channel);
    const meta: Meta = { ...payload, phx_ref: newRef(), ...(previous ? { phx_ref_prev: previous.meta.phx_ref } : {}) };
    topic.set(channel, { key: channel.presenceKey, meta });
    this.broadcastDiff(channel.namespace, { [channel.presenceKey]: { metas: [meta] } }, previous ? { [previous.key]: { metas: [previous.meta] } } : {});
  }

  /** Stops tracking the channel (untrack, leave, socket closed). */
  untrack(channel: Channel): void {
    const topic = this.topics.get(channel.namespace);
    const previous = topic?.get(channel);
    if (!topic || !previous) return;
    topic.delete(channel);
    if (topic.size === 0) this.topics.delete(channel.namespace);
    this.broadcastDiff(channel.namespace, {}, { [previous.key]: { metas: [previous.meta] } });
  }

  /**
   * Every subscriber gets the diff, the sender included (clients without
   * presence buffer it); on a private topic only those allowed presence read.
   */
  private broadcastDiff(namespace: string, joins: Entries, leaves: Entries): void {
    const payload = JSON.stringify({ joins, leaves });
    for (const member of this.hub.members(namespace)) if (member.may("presenceRead")) member.pushRaw("presence_diff", payload);
  }
}
