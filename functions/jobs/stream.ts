/** @module GET /jobs/{job_id}/stream: the job as Server-Sent Events (docs/api.md), with heartbeats and Last-Event-ID resume. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { corsHeaders } from "../_shared/http.ts";
import { readOwnJob, type JobApiRow } from "../_shared/jobs-api.ts";
import { dbError } from "../../shared/errors.ts";

export interface StreamOptions {
  pollMs?: number;
  heartbeatMs?: number;
  /** Close the stream after this long (an Edge Function's wall clock is limited); the client reconnects with Last-Event-ID. */
  maxDurationMs?: number;
  /** Also send the job's `job_events` rows past this seq, in order, as `event: job_event`. */
  afterSeq?: number;
}

/** Most events sent per poll; the rest follow on the next. */
const EVENT_BATCH = 200;

/** The job's events past `afterSeq`, read through the caller's RLS. */
async function eventsAfter(db: SupabaseClient, jobId: string, afterSeq: number): Promise<{ seq: number }[]> {
  const { data, error } = await db
    .from("job_events")
    .select("id, job_id, seq, kind, level, type, message, data, created_at")
    .eq("job_id", jobId)
    .gt("seq", afterSeq)
    .order("seq")
    .limit(EVENT_BATCH);
  if (error) throw dbError(error, `reading the job's events`);
  return data;
}

/** The SSE event a job's state calls for (`reviewKind` while it awaits review). */
function eventFor(job: JobApiRow, reviewKind: string | null): { event: string; data: unknown } {
  switch (job.status) {
    case "completed":
      return { event: "complete", data: { result: job.result, status: job.status } };
    case "failed":
      return { event: "error", data: { error: job.error ?? "The job failed.", status: job.status } };
    case "cancelled":
      return { event: "cancelled", data: { status: job.status } };
    case "paused":
      return { event: "paused", data: { progress: job.progress, status: job.status } };
    case "awaiting_review":
      return { event: "review", data: { review_kind: reviewKind, progress: job.progress, status: job.status } };
    case "waiting_for_input":
      return { event: "waiting", data: { questions: (job.result as { questions?: unknown[] } | null)?.questions ?? [], status: job.status } };
    default:
      return { event: "progress", data: { progress: job.progress, status: job.status } };
  }
}

async function reviewKindOf(db: SupabaseClient, jobId: string): Promise<string | null> {
  const { data, error } = await db.from("agent_jobs").select("review_kind").eq("id", jobId).maybeSingle();
  if (error) throw dbError(error, "reading the job's review kind");
  return (data?.review_kind as string | null | undefined) ?? null;
}

const isFinal = (status: string) => ["completed", "failed", "cancelled"].includes(status);

/**
 * Streams the job: an event whenever its status or progress changes, a comment
 * every `heartbeatMs`, and the end of the stream after a final event. Event ids
 * count the job's state changes as `<progress>-<status>`, so a client that
 * reconnects with Last-Event-ID is not sent the state it already has.
 * `job_event` events carry no id (Last-Event-ID keeps naming the state); a
 * client resumes them with `afterSeq`. They are sent before the state they led
 * to, so a final state comes after every event written before it.
 */
export async function streamJob(db: SupabaseClient, jobId: string, lastEventId: string | null, options: StreamOptions = {}): Promise<Response> {
  const { pollMs = 250, heartbeatMs = 15_000, maxDurationMs = 120_000 } = options;
  let cursor = options.afterSeq;
  await readOwnJob(db, jobId); // 404 before the stream starts
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let lastSent = lastEventId;
      let lastWrite = Date.now();
      const started = Date.now();
      const write = (text: string) => {
        controller.enqueue(encoder.encode(text));
        lastWrite = Date.now();
      };
      const close = () => {
        if (closed) return;
        closed = true;
        controller.close();
      };
      const tick = async () => {
        if (closed) return;
        try {
          const job = await readOwnJob(db, jobId);
          if (cursor !== undefined) {
            for (const row of await eventsAfter(db, jobId, cursor)) {
              write(`event: job_event\ndata: ${JSON.stringify(row)}\n\n`);
              cursor = row.seq;
            }
          }
          const id = `${job.progress}-${job.status}`;
          if (id !== lastSent) {
            const { event, data } = eventFor(job, job.status === "awaiting_review" ? await reviewKindOf(db, jobId) : null);
            write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
            lastSent = id;
          } else if (Date.now() - lastWrite >= heartbeatMs) {
            write(`: heartbeat\n\n`);
          }
          if (isFinal(job.status) || Date.now() - started >= maxDurationMs) return close();
        } catch (error) {
          write(`event: error\ndata: ${JSON.stringify({ error: (error as Error).message, status: "failed" })}\n\n`);
          return close();
        }
        timer = setTimeout(tick, pollMs);
      };
      write(`retry: 1000\n\n`);
      void tick();
    },
    cancel() {
      closed = true;
      clearTimeout(timer);
    },
  });
  return new Response(body, {
    headers: { ...corsHeaders, "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" },
  });
}
