/** @module Serves the local database over the Postgres wire protocol (`psql`, node-postgres, GUI tools), every message under the stack's `exclusive` mutex. */
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";
import { startSession, type LocalDatabase } from "./open-database.ts";

export interface WirePort {
  /** The port listened on (the one asked for, or the free one picked for 0). */
  port: number;
  /** Closes the listener and every client; a client's open transaction is rolled back. */
  close(): Promise<void>;
}

/** What pglite-socket's handler calls on the (unexported) queue class it is built for. */
interface HandlerQueue {
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/**
 * Follows the backend messages of one response (type byte, int32 length, body; split
 * across chunks as they come) and tells whether the last one was ReadyForQuery. Until it
 * is, the client is mid extended-protocol exchange (Parse … Sync), whose unnamed
 * statement and implicit transaction another caller must not disturb.
 */
class ResponseTracker {
  bytes = 0;
  endedReady = false;
  private header = Buffer.alloc(5);
  private headerBytes = 0;
  private left = 0;

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let i = 0;
    while (i < chunk.length) {
      if (this.left > 0) {
        const skip = Math.min(this.left, chunk.length - i);
        i += skip;
        this.left -= skip;
        continue;
      }
      this.header[this.headerBytes++] = chunk[i++]!;
      if (this.headerBytes < 5) continue;
      this.headerBytes = 0;
      this.left = this.header.readInt32BE(1) - 4;
      this.endedReady = this.header[0] === 0x5a; // 'Z'
    }
  }
}

/**
 * The queue pglite-socket's handlers run their messages through, written here instead of
 * the library's because that one takes PGlite's own lock, not the stack's: a wire client
 * takes `db.exclusive` for each message and keeps it while it has a transaction (or an
 * extended-protocol exchange) open, so HTTP requests and other clients wait. When it lets
 * go, the stack's session is restored (role, settings, search_path).
 */
class StackSessionQueue implements HandlerQueue {
  /** The client holding the mutex between its messages, and how to let it go. */
  private holder: { handlerId: number; release: () => void } | null = null;
  /** Each client's messages run one after another (pglite-socket may enqueue the next before the last ends). */
  private tails = new Map<number, Promise<unknown>>();
  private closed = new Set<number>();

  constructor(private readonly db: LocalDatabase) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const run = (this.tails.get(handlerId) ?? Promise.resolve()).then(() => this.run(handlerId, message, onData));
    this.tails.set(handlerId, run.catch(() => undefined));
    return run;
  }

  clearQueueForHandler(handlerId: number): void {
    this.closed.add(handlerId);
  }

  /** On disconnect: once its last message has ended, a client still holding the mutex is rolled back and lets go. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    this.closed.add(handlerId);
    await this.tails.get(handlerId);
    this.tails.delete(handlerId);
    if (this.holder?.handlerId !== handlerId) return;
    // pglite-socket does not await this on a socket's close: an error here would be unhandled.
    await this.endSession({ rollback: true }).catch((error: unknown) => console.error("[local] rolling back a Postgres client failed:", error));
  }

  private async run(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.closed.has(handlerId)) throw new Error("Handler disconnected");
    const wasHolding = this.holder?.handlerId === handlerId;
    if (!wasHolding) {
      this.holder = { handlerId, release: await this.acquire() };
      if (this.closed.has(handlerId)) {
        await this.endSession({ rollback: false });
        throw new Error("Handler disconnected");
      }
    }
    const { pg } = this.db;
    const response = new ResponseTracker();
    try {
      await pg.runExclusive(() =>
        pg.execProtocolRawStream(message, {
          onRawData: (data) => {
            response.push(data);
            onData(data);
          },
        }),
      );
    } catch (error) {
      await this.endSession({ rollback: true }).catch(() => undefined);
      throw error;
    }
    const hold = response.bytes === 0 ? wasHolding : pg.isInTransaction() || !response.endedReady;
    if (!hold) await this.endSession({ rollback: false });
    return response.bytes;
  }

  /** Resolves once this queue has the stack's mutex, with the function that gives it back. */
  private acquire(): Promise<() => void> {
    return new Promise((granted) => {
      void this.db.exclusive(() => new Promise<void>((release) => granted(release)));
    });
  }

  /** Gives the mutex back to the stack with the session it expects (what `SET`, `SET ROLE` … changed is undone). */
  private async endSession({ rollback }: { rollback: boolean }): Promise<void> {
    const holder = this.holder;
    if (!holder) return;
    this.holder = null;
    try {
      if (rollback) await this.db.pg.exec("rollback");
      await this.db.pg.exec("reset session authorization; reset role; reset all");
      await startSession(this.db.pg);
    } finally {
      holder.release();
    }
  }
}

/**
 * Listens on `host:port` (0: a free port) and serves `db` to Postgres clients with
 * pglite-socket's protocol handler. PGlite is one session shared with the HTTP API:
 * a client's open transaction makes every other caller wait, and its session settings
 * last only until it lets go of the database, at the end of each statement batch outside
 * a transaction or of the transaction (use `SET LOCAL` in a transaction).
 *
 * @example const wire = await serveWirePort(db, { host: "127.0.0.1", port: 54322 });
 */
export async function serveWirePort(db: LocalDatabase, { host, port }: { host: string; port: number }): Promise<WirePort> {
  const queue = new StackSessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const sockets = new Set<Socket>();
  const serve = (socket: Socket) => {
    const handler = new PGLiteSocketHandler({
      // The handler's option is typed as the library's own (unexported) queue class; ours has its methods.
      queryQueue: queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    handler.addEventListener("close", () => handlers.delete(handler));
    void handler.attach(socket);
    socket.resume();
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined); // the handler reports its own; this covers the first packet
    socket.once("data", (first: Buffer) => {
      socket.pause();
      if (isEncryptionRequest(first)) socket.write("N");
      else socket.unshift(first);
      serve(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => console.error("[local] the Postgres wire port failed:", error));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // All at once: a client waiting for the mutex gets it only when the holder is rolled back.
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * SSLRequest or GSSENCRequest (length 8, then 80877103 or 80877104): pglite-socket takes
 * them for a message and waits, so psql's default `sslmode=prefer` would hang. Declining
 * with "N", as a server without TLS does, lets the client go on unencrypted.
 */
function isEncryptionRequest(packet: Buffer): boolean {
  return packet.length === 8 && packet.readInt32BE(0) === 8 && [80877103, 80877104].includes(packet.readInt32BE(4));
}
