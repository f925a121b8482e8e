/** @module The Server-Sent Events of `GET /v1/jobs/{job_id}/stream` (docs/api.md): payload schemas and an encoder. */
import { z } from "zod";
import { ClarificationQuestion } from "./clarification.ts";
import { JsonValue } from "./common.ts";
import { Progress } from "./api-jobs.ts";

/** `event: progress`. */
export const ProgressEventData = z.strictObject({
  progress: Progress,
  status: z.enum(["queued", "running"]),
});
export type ProgressEventData = z.infer<typeof ProgressEventData>;

/** `event: complete`. */
export const CompleteEventData = z.strictObject({
  result: JsonValue,
  status: z.literal("completed"),
});
export type CompleteEventData = z.infer<typeof CompleteEventData>;

/** `event: error`. */
export const ErrorEventData = z.strictObject({
  error: z.string(),
  status: z.literal("failed"),
});
export type ErrorEventData = z.infer<typeof ErrorEventData>;

/** `event: waiting`: the job needs answers (see `RespondRequest`). */
export const WaitingEventData = z.strictObject({
  questions: z.array(ClarificationQuestion).min(1),
  status: z.literal("waiting_for_input"),
});
export type WaitingEventData = z.infer<typeof WaitingEventData>;

/** `event: cancelled`. */
export const CancelledEventData = z.strictObject({
  status: z.literal("cancelled"),
});
export type CancelledEventData = z.infer<typeof CancelledEventData>;

/** `event: paused` (docs/architecture.md#review-gates-history-and-refactoring): the job stopped between stages until resumed. */
export const PausedEventData = z.strictObject({
  progress: Progress,
  status: z.literal("paused"),
});
export type PausedEventData = z.infer<typeof PausedEventData>;

/** `event: review` (docs/architecture.md#review-gates-history-and-refactoring): the job awaits the owner's design or feature review (see `ReviewRequest`). */
export const ReviewEventData = z.strictObject({
  review_kind: z.enum(["design", "feature"]),
  progress: Progress,
  status: z.literal("awaiting_review"),
});
export type ReviewEventData = z.infer<typeof ReviewEventData>;

/** The SSE event names, and the schema of each one's `data`. */
export const jobStreamEventData = {
  progress: ProgressEventData,
  complete: CompleteEventData,
  error: ErrorEventData,
  waiting: WaitingEventData,
  cancelled: CancelledEventData,
  paused: PausedEventData,
  review: ReviewEventData,
} as const;
export const JobStreamEventName = z.enum(["progress", "complete", "error", "waiting", "cancelled", "paused", "review"]);
export type JobStreamEventName = z.infer<typeof JobStreamEventName>;

/** One stream event, `{ event, data }`, discriminated by `event`. */
export const JobStreamEvent = z.discriminatedUnion("event", [
  z.strictObject({ event: z.literal("progress"), data: ProgressEventData }),
  z.strictObject({ event: z.literal("complete"), data: CompleteEventData }),
  z.strictObject({ event: z.literal("error"), data: ErrorEventData }),
  z.strictObject({ event: z.literal("waiting"), data: WaitingEventData }),
  z.strictObject({ event: z.literal("cancelled"), data: CancelledEventData }),
  z.strictObject({ event: z.literal("paused"), data: PausedEventData }),
  z.strictObject({ event: z.literal("review"), data: ReviewEventData }),
]);
export type JobStreamEvent = z.infer<typeof JobStreamEvent>;
/** What a producer may pass (defaults such as a question's `options: null` may be left out). */
export type JobStreamEventInput = z.input<typeof JobStreamEvent>;

/**
 * Renders one event in SSE wire format, validated first.
 * @example encodeJobStreamEvent({ event: "cancelled", data: { status: "cancelled" } })
 * // "event: cancelled\ndata: {\"status\":\"cancelled\"}\n\n"
 */
export function encodeJobStreamEvent(event: JobStreamEventInput): string {
  const { event: name, data } = JobStreamEvent.parse(event);
  // JSON.stringify never emits a raw newline, so the payload fits on one `data:` line.
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Reads one received SSE event (name and raw `data`) into a validated `JobStreamEvent`.
 * Throws a `ZodError` for an unknown event or a bad payload, a `SyntaxError` for non-JSON data.
 */
export function decodeJobStreamEvent(event: string, data: string): JobStreamEvent {
  return JobStreamEvent.parse({ event, data: JSON.parse(data) });
}
