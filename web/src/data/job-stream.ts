/**
 * @module The live feed's fallback: a job followed over the `jobs` SSE stream
 * (`?after=` the last seq held) while the Realtime socket is down.
 */
import { readEventStream } from "../lib/event-stream.ts";
import { functionResponse } from "../lib/functions.ts";
import type { JobEventRow } from "../timeline/index.ts";

export interface JobStreamHandlers {
  /** The job's events, in seq order, past the cursor the stream was opened with. */
  onEvents(rows: JobEventRow[]): void;
  /** The job's status or progress changed. */
  onChange(): void;
}

const FINAL = new Set(["complete", "error", "cancelled"]);
const STATE = new Set([...FINAL, "progress", "waiting"]);
const RETRY_MS = 1000;

/**
 * Follows the job until it ends or `signal` aborts; each (re)connection asks
 * for the events after `cursor()` (read afresh, so nothing is sent twice and
 * nothing is skipped). Network errors, 5xx and the server's periodic close are retried.
 * @example followJobStream(id, () => replayCursor(state, id), { onEvents, onChange }, controller.signal)
 */
export async function followJobStream(jobId: string, cursor: () => number, handlers: JobStreamHandlers, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    let ended = false;
    const { data: response, error } = await functionResponse(`jobs/${jobId}/stream?after=${cursor()}`, { signal });
    // Not found or not allowed will not change by asking again.
    if (error?.status && error.status < 500) return;
    if (response) {
      await readEventStream(
        response,
        ({ event, data }) => {
          if (event === "job_event") handlers.onEvents([JSON.parse(data) as JobEventRow]);
          else if (STATE.has(event)) {
            ended ||= FINAL.has(event);
            handlers.onChange();
          }
        },
        signal,
      ).catch(() => undefined);
    }
    if (ended) return;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
