/** @module Forwards a web Request to a function's private port over node:http, streaming both bodies, and returns its Response. */
import { request as httpRequest, type Agent, type IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

/** Per-hop headers (RFC 9110 §7.6.1): they describe one connection and are not forwarded. */
const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
  "te", "trailer", "transfer-encoding", "upgrade",
]);

function forwardedHeaders(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  headers["x-forwarded-proto"] ??= new URL(request.url).protocol.replace(":", "");
  return headers;
}

function toResponse(upstream: IncomingMessage, method: string): Response {
  const headers = new Headers();
  const raw = upstream.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name)) headers.append(name, raw[i + 1]!);
  }
  const status = upstream.statusCode ?? 502;
  const bodyless = method === "HEAD" || status === 204 || status === 304;
  if (bodyless) upstream.resume();
  const body = bodyless ? null : (Readable.toWeb(upstream) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: upstream.statusMessage, headers });
}

/**
 * Sends `request` to `http://127.0.0.1:<port>` with the same method, query, headers
 * and body, and the path as Supabase's Edge Runtime hands it to a function: without
 * the `/functions/v1` prefix (`/<name>/…`), and resolves with the upstream response as soon as its headers
 * arrive; the body streams through (SSE is not buffered). Aborting the request
 * (client gone) tears down the upstream exchange.
 */
export function proxyRequest(request: Request, port: number, agent: Agent): Promise<Response> {
  const url = new URL(request.url);
  return new Promise<Response>((resolve, reject) => {
    const upstream = httpRequest(
      { host: "127.0.0.1", port, method: request.method, path: url.pathname.replace(/^\/functions\/v1(?=\/)/, "") + url.search, headers: forwardedHeaders(request), agent },
      (response) => resolve(toResponse(response, request.method)),
    );
    upstream.on("error", reject);
    const abort = () => upstream.destroy(new Error("client closed the request"));
    if (request.signal.aborted) return abort();
    request.signal.addEventListener("abort", abort, { once: true });
    upstream.on("close", () => request.signal.removeEventListener("abort", abort));

    if (!request.body || request.method === "GET" || request.method === "HEAD") {
      upstream.end();
      return;
    }
    const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
    body.on("error", (error) => upstream.destroy(error));
    body.pipe(upstream);
  });
}
