/** @module Request bodies of the preview and Studio functions. */
import { z } from "zod";

/** `POST /preview`: a project the caller owns, and how long its token works (1 minute to 1 day, default 1 hour). */
export const CreatePreviewRequest = z.strictObject({
  project_id: z.guid(),
  ttl_seconds: z.number().int().min(60).max(86_400).default(3_600),
});

/** What the owner's preview threw, as the page's error reporter caught it. */
export const PreviewError = z.strictObject({
  /** uncaught: an exception nothing caught; rejection: an unhandled promise rejection; render: an error React logged while rendering. */
  kind: z.enum(["uncaught", "rejection", "render"]),
  message: z.string().trim().min(1).max(2_000),
  stack: z.string().max(8_000).optional(),
});
export type PreviewError = z.infer<typeof PreviewError>;

/** `POST /preview/fix`: send an error of the project's preview to the code agent as a change request. */
export const PreviewFixRequest = z.strictObject({
  project_id: z.guid(),
  error: PreviewError,
});
export type PreviewFixRequest = z.infer<typeof PreviewFixRequest>;

/** `POST /preview/sweep` (service role): how long expired sessions are kept before soft delete and purge. */
export const SweepPreviewsRequest = z.strictObject({
  soft_delete_after_seconds: z.number().int().min(0).default(3_600),
  purge_after_seconds: z.number().int().min(0).default(86_400),
});

/** `POST /studio/orders`: a batch of media for a project, from parameters, a template, or both (parameters win). */
export const OrderRequest = z.strictObject({
  project_id: z.guid(),
  provider: z.string().min(1).max(100),
  model: z.string().min(1).max(200),
  parameters: z.record(z.string(), z.unknown()).optional(),
  template_id: z.guid().optional(),
}).refine((body) => body.parameters || body.template_id, { message: "Give parameters, a template_id, or both (parameters override the template's)." });
