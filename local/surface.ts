/** @module The plug-in shape of the local stack's surfaces (rest, auth, storage, realtime, functions). */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { StackConfig } from "./config.ts";
import type { LocalDatabase } from "./db/index.ts";
import type { ProjectKeys } from "./keys.ts";

export interface StackContext {
  config: StackConfig;
  db: LocalDatabase;
  keys: ProjectKeys;
  /** The stack's own base URL, e.g. http://127.0.0.1:54321 (known once listening). */
  apiUrl: string;
}

export interface Surface {
  /** Path prefixes served, e.g. ["/storage/v1"]. */
  prefixes: string[];
  /** Serves an HTTP request under one of the prefixes. */
  fetch?(request: Request): Promise<Response>;
  /** Takes over a WebSocket upgrade under one of the prefixes. */
  upgrade?(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close?(): Promise<void>;
}

/** A surface is set up once the database is open and the server knows its address. */
export interface SurfacePlugin {
  name: string;
  setup(context: StackContext): Promise<Surface>;
}
