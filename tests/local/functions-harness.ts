/** @module A test stack with the functions host serving the fixture functions, and small stream helpers. */
import { fileURLToPath } from "node:url";
import { defaultPlugins } from "../../local/server.ts";
import { functionsHost, type FunctionsHostOptions } from "../../local/functions/index.ts";
import { startTestStack, type TestStack } from "./stack.ts";

const fixtures = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));

/** A test stack whose /functions/v1 runs tests/local/fixtures/functions (settings in fixtures/supabase/config.toml). */
export function startFunctionsStack(options: FunctionsHostOptions = {}): Promise<TestStack> {
  const host = functionsHost({
    dir: fixtures("functions"),
    configPath: fixtures("supabase/config.toml"),
    envFiles: [fixtures("fixture.env")],
    ...options,
  });
  // Replaces the repo's own functions host, should the default plugins include it.
  return startTestStack([...defaultPlugins.filter((plugin) => plugin.name !== host.name), host]);
}

/** Rejects with `message` if `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Reads text from a stream until `marker` has arrived (or the stream ends); returns everything read. */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, marker: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(marker)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}
