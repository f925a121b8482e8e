/** @module Polls an async read until it yields a value (for state written in the background: jobs, previews). */

/** Calls `read` every 100 ms until it returns something other than undefined; fails after `ms` naming `what`. */
export async function pollFor<T>(read: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
