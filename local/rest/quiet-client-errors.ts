/** @module Keeps @supabase/lite from printing a stack trace for every error a client caused; a server fault still prints. */

/** @supabase/lite logs each failed statement as `console.error(error)`; every other logger here starts with a label. */
const isLiteErrorLog = (args: unknown[]) => args.length === 1 && args[0] instanceof Error;

/**
 * Runs one request with lite's error logs held back, and prints them only when
 * the response is a 5xx. Safe because REST requests run one at a time
 * (`db.exclusive`), and only lite's unlabelled single-Error logs are held.
 */
export async function withClientErrorsQuiet(run: () => Promise<Response>): Promise<Response> {
  const print = console.error;
  const held: unknown[][] = [];
  console.error = (...args: unknown[]) => (isLiteErrorLog(args) ? void held.push(args) : print(...args));
  let response: Response | undefined;
  try {
    response = await run();
    return response;
  } finally {
    console.error = print;
    if (!response || response.status >= 500) for (const args of held) print(...args);
  }
}
