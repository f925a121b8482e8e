/** @module Broadcast fan-out to a topic: kind 4 binary frames for binary-born messages on vsn 2.0.0, JSON otherwise. */
import type { Channel } from "./channel.ts";
import { encodeUserBroadcast, type BinaryBroadcastPush } from "./frames.ts";
import type { Hub } from "./hub.ts";

/** The largest user payload relayed; bigger sends get `payload_size_exceeded`. */
export const MAX_BROADCAST_BYTES = 3 * 1024 * 1024;

const skip = (member: Channel, sender: Channel | null) => (member === sender && !sender.self) || !member.may("broadcastRead");

/**
 * Relays a JSON-born broadcast (`{type:'broadcast', event, payload}`) to every
 * channel of the namespace; the sender gets it only with `self`.
 */
export function relayJson(hub: Hub, namespace: string, sender: Channel | null, message: { event: string; payload: unknown }): number {
  const payloadJson = JSON.stringify({ type: "broadcast", event: message.event, payload: message.payload });
  let sent = 0;
  for (const member of hub.members(namespace)) {
    if (skip(member, sender)) continue;
    member.pushRaw("broadcast", payloadJson);
    sent++;
  }
  return sent;
}

/**
 * Relays a binary-born broadcast (kind 3 from a socket, or an octet-stream
 * REST body): kind 4 to vsn 2.0.0 sockets, encoding kept; vsn 1.0.0 sockets
 * get JSON when the payload is JSON and nothing when it is raw bytes.
 */
export function relayBinary(
  hub: Hub,
  namespace: string,
  sender: Channel | null,
  message: Pick<BinaryBroadcastPush, "event" | "encoding" | "payload">,
): number {
  const members = hub.members(namespace);
  if (members.size === 0) return 0;
  const topic = namespace.slice(namespace.indexOf(":") + 1);
  const binary = encodeUserBroadcast(topic, message.event, message.encoding, message.payload);
  let json: string | null = null;
  if (message.encoding === 1) {
    const text = message.payload.toString("utf8");
    try {
      json = JSON.stringify({ type: "broadcast", event: message.event, payload: JSON.parse(text) });
    } catch {
      json = null;
    }
  }
  let sent = 0;
  for (const member of members) {
    if (skip(member, sender) || member.closed) continue;
    if (member.vsn === "2.0.0" && binary) member.transport.send(binary);
    else if (json) member.pushRaw("broadcast", json);
    else continue;
    sent++;
  }
  return sent;
}
