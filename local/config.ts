/** @module Where the local stack listens and keeps its data, from the environment. */
import { resolve } from "node:path";

export interface StackConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Absolute path of the data directory: database, keys, storage objects, Deno cache. */
  dataDir: string;
  /** Keep the database in memory (tests); files still go under dataDir. */
  inMemoryDatabase: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StackConfig {
  return {
    host: env.CODEFORGE_HOST ?? "127.0.0.1",
    port: Number(env.CODEFORGE_PORT ?? 54321),
    dataDir: resolve(env.CODEFORGE_DATA_DIR ?? ".codeforge"),
    inMemoryDatabase: false,
  };
}
