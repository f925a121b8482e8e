/** @module Phoenix frames as realtime-js speaks them: vsn 1.0.0 objects, vsn 2.0.0 arrays, binary user broadcasts (kinds 3 and 4). */

export type Vsn = "1.0.0" | "2.0.0";
export const VSNS: readonly Vsn[] = ["1.0.0", "2.0.0"];

/** A text frame, either direction. `payload` is always an object on the wire. */
export interface Message {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

/** A kind 3 frame: `channel.send({type:'broadcast', event, payload})` over vsn 2.0.0. */
export interface BinaryBroadcastPush {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  /** JSON text of the allowed metadata keys (`persist`), or "". */
  meta: string;
  /** 1: `payload` is JSON text; 0: raw bytes. */
  encoding: 0 | 1;
  payload: Buffer;
}

export class FrameError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const refOf = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Parses a text frame; throws FrameError when it is not a Phoenix message. */
export function decodeText(text: string, vsn: Vsn): Message {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FrameError("frame is not JSON");
  }
  if (vsn === "2.0.0") {
    if (!Array.isArray(parsed) || parsed.length !== 5) throw new FrameError("expected [join_ref, ref, topic, event, payload]");
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    return checked({ joinRef: refOf(joinRef), ref: refOf(ref), topic, event, payload });
  }
  if (!isObject(parsed)) throw new FrameError("expected {topic, event, payload, ref}");
  return checked({
    joinRef: refOf(parsed.join_ref),
    ref: refOf(parsed.ref),
    topic: parsed.topic,
    event: parsed.event,
    payload: parsed.payload,
  });
}

function checked(message: { joinRef: string | null; ref: string | null; topic: unknown; event: unknown; payload: unknown }): Message {
  if (typeof message.topic !== "string" || typeof message.event !== "string") throw new FrameError("topic and event must be strings");
  return { ...message, topic: message.topic, event: message.event, payload: isObject(message.payload) ? message.payload : {} };
}

/** Parses a binary frame; only kind 3 (user broadcast push) is defined client → server. */
export function decodeBinary(data: Buffer): BinaryBroadcastPush {
  if (data.length < 7 || data[0] !== 3) throw new FrameError(`unsupported binary frame kind ${data[0]}`);
  const [joinRefLength, refLength, topicLength, eventLength, metaLength, encoding] = [1, 2, 3, 4, 5, 6].map((i) => data[i]!);
  let offset = 7;
  const take = (length: number) => {
    if (offset + length > data.length) throw new FrameError("binary frame is truncated");
    const slice = data.subarray(offset, offset + length);
    offset += length;
    return slice.toString("utf8");
  };
  const joinRef = take(joinRefLength!);
  const ref = take(refLength!);
  const topic = take(topicLength!);
  const event = take(eventLength!);
  const meta = take(metaLength!);
  if (encoding !== 0 && encoding !== 1) throw new FrameError(`unknown payload encoding ${encoding}`);
  return { joinRef: joinRef || null, ref: ref || null, topic, event, meta, encoding, payload: data.subarray(offset) };
}

/** Encodes a message for the socket's serializer. V1 frames carry no join_ref, as Phoenix's V1 serializer does. */
export function encodeText(message: Message, vsn: Vsn): string {
  return encodeRaw(vsn, message.joinRef, message.ref, message.topic, message.event, JSON.stringify(message.payload));
}

/**
 * Builds a text frame around a payload that is already JSON, so a change
 * serialised once can be sent to many sockets.
 */
export function encodeRaw(vsn: Vsn, joinRef: string | null, ref: string | null, topic: string, event: string, payloadJson: string): string {
  if (vsn === "2.0.0") {
    return `[${JSON.stringify(joinRef)},${JSON.stringify(ref)},${JSON.stringify(topic)},${JSON.stringify(event)},${payloadJson}]`;
  }
  return `{"topic":${JSON.stringify(topic)},"event":${JSON.stringify(event)},"payload":${payloadJson},"ref":${JSON.stringify(ref)}}`;
}

/**
 * A kind 4 frame (relayed user broadcast), or null when a header field is
 * longer than the 255 bytes a length byte can say (send it as JSON then).
 */
export function encodeUserBroadcast(topic: string, event: string, encoding: 0 | 1, payload: Buffer, meta = ""): Buffer | null {
  const header = [topic, event, meta].map((text) => Buffer.from(text, "utf8"));
  if (header.some((part) => part.length > 255)) return null;
  const [topicBytes, eventBytes, metaBytes] = header as [Buffer, Buffer, Buffer];
  return Buffer.concat([
    Buffer.from([4, topicBytes.length, eventBytes.length, metaBytes.length, encoding]),
    topicBytes,
    eventBytes,
    metaBytes,
    payload,
  ]);
}
