/** @module Watches a running stage: extends the lease, and aborts the stage when the job is cancelled or taken away. */
import type { JobStore } from "./store.ts";

export interface Supervision {
  signal: AbortSignal;
  /** Why the stage was aborted, once it was: the job's new status, or "lease lost". */
  reason(): string | null;
  stop(): void;
}

/**
 * Polls the job's status every `pollMs` (so a cancel takes effect within that
 * time) and extends the lease every `leaseSeconds / 3`; aborts `signal` when the
 * job is no longer running (or paused) or the lease could not be extended.
 */
export function supervise(store: JobStore, jobId: string, worker: string, leaseSeconds: number, pollMs: number): Supervision {
  const controller = new AbortController();
  let reason: string | null = null;
  const abort = (why: string) => {
    if (controller.signal.aborted) return;
    reason = why;
    controller.abort(new Error(`job ${why}`));
  };
  const poll = setInterval(async () => {
    const status = await store.status(jobId).catch(() => null);
    // A paused job's stage finishes; anything else (cancelled, taken) stops it.
    if (status && status !== "running" && status !== "paused") abort(status);
  }, pollMs);
  const renew = setInterval(async () => {
    const held = await store.extendLease(jobId, worker, leaseSeconds).catch(() => false);
    if (!held) abort("lease lost");
  }, (leaseSeconds * 1000) / 3);
  return {
    signal: controller.signal,
    reason: () => reason,
    stop() {
      clearInterval(poll);
      clearInterval(renew);
    },
  };
}
