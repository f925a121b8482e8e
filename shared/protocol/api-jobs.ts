/** @module Contracts of the job endpoints: status, list, respond, cancel (docs/api.md). */
import { z } from "zod";
import { JobKind, JobStatusType } from "./enums.ts";
import { ClarificationResponse } from "./clarification.ts";
import { IsoDateTime, JsonValue, Uuid } from "./common.ts";

/** Path parameters of `/v1/jobs/{job_id}/…`. */
export const JobIdParams = z.strictObject({ job_id: Uuid });
export type JobIdParams = z.infer<typeof JobIdParams>;

/** Path parameters of `/v1/jobs/{project_id}/list` and `/v1/projects/{project_id}/…`. */
export const ProjectIdParams = z.strictObject({ project_id: Uuid });
export type ProjectIdParams = z.infer<typeof ProjectIdParams>;

/** A job's progress in percent. */
export const Progress = z.number().min(0).max(100);

/** Answer of `GET /v1/jobs/{job_id}`, and one item of the job list. */
export const JobStatusResponse = z.strictObject({
  job_id: Uuid,
  status: JobStatusType,
  agent_type: JobKind,
  project_id: Uuid,
  progress: Progress,
  result: JsonValue.nullable(),
  error: z.string().nullable(),
  created_at: IsoDateTime,
  completed_at: IsoDateTime.nullable(),
});
export type JobStatusResponse = z.infer<typeof JobStatusResponse>;

export const JOB_LIST_DEFAULT_LIMIT = 20;
export const JOB_LIST_MAX_LIMIT = 100;
export const JOB_LIST_MAX_OFFSET = 1_000_000;

/** A query-string integer: digits become a number, anything else fails as "expected number". */
const queryInt = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : value),
    z.number().int().min(min).max(max),
  );

/**
 * Query of `GET /v1/jobs/{project_id}/list?limit=20&offset=0`: limit 1..100
 * (default 20), offset 0..1,000,000 (default 0). Accepts the strings of
 * `Object.fromEntries(url.searchParams)` or numbers.
 */
export const JobListQuery = z.strictObject({
  limit: queryInt(1, JOB_LIST_MAX_LIMIT).default(JOB_LIST_DEFAULT_LIMIT),
  offset: queryInt(0, JOB_LIST_MAX_OFFSET).default(0),
});
export type JobListQuery = z.infer<typeof JobListQuery>;

/**
 * Query of `GET /v1/jobs/{job_id}/stream?after=12`: with `after`, the stream
 * also sends each `job_events` row past that seq as `event: job_event`, so a
 * live feed can follow the job over HTTP when its socket is down.
 */
export const JobStreamQuery = z.strictObject({
  after: queryInt(0, 2_000_000_000).optional(),
});
export type JobStreamQuery = z.infer<typeof JobStreamQuery>;

/** Answer of `GET /v1/jobs/{project_id}/list`. */
export const JobListResponse = z.strictObject({
  items: z.array(JobStatusResponse).max(JOB_LIST_MAX_LIMIT),
  total: z.number().int().min(0),
  has_more: z.boolean(),
});
export type JobListResponse = z.infer<typeof JobListResponse>;

export const MAX_CLARIFICATION_RESPONSES = 20;
export const MAX_QUESTION_ID_LENGTH = 100;
export const MAX_ANSWER_LENGTH = 2000;

/** One answer as a client may send it: the seed's `ClarificationResponse` with bounds. */
export const BoundedClarificationResponse = ClarificationResponse.extend({
  question_id: z.string().min(1).max(MAX_QUESTION_ID_LENGTH),
  answer: z.string().trim().min(1).max(MAX_ANSWER_LENGTH),
});

/** Body of `POST /v1/jobs/{job_id}/respond`: 1..20 answers, one per question. */
export const RespondRequest = z.strictObject({
  responses: z
    .array(BoundedClarificationResponse)
    .min(1)
    .max(MAX_CLARIFICATION_RESPONSES)
    .superRefine((responses, ctx) => {
      const seen = new Set<string>();
      responses.forEach((response, index) => {
        if (seen.has(response.question_id)) {
          ctx.addIssue({
            code: "custom",
            message: `question "${response.question_id}" is answered twice`,
            path: [index, "question_id"],
          });
        }
        seen.add(response.question_id);
      });
    }),
});
export type RespondRequest = z.infer<typeof RespondRequest>;

/** Answer of `POST /v1/jobs/{job_id}/respond`. */
export const RespondResponse = z.strictObject({
  status: JobStatusType,
  message: z.string(),
});
export type RespondResponse = z.infer<typeof RespondResponse>;

/** Answer of `POST /v1/jobs/{job_id}/cancel`. */
export const CancelResponse = z.strictObject({
  status: z.literal("cancelled"),
});
export type CancelResponse = z.infer<typeof CancelResponse>;
