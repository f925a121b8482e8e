/** @module The Edge Functions' API as an OpenAPI 3.1 document, built from the zod schemas the functions validate with (docs/openapi.json). */
import { z } from "zod";
import { SendMessageRequest, RegisterDocumentRequest } from "../chat/api.ts";
import { ERROR_STATUS } from "../errors.ts";
import { CreatePreviewRequest, OrderRequest, PreviewFixRequest, SweepPreviewsRequest } from "./api-preview-studio.ts";
import { GitHubExportRequest, GitHubExportResponse, GitHubImportRequest } from "./api-export.ts";
import { RollbackRequest } from "./api-history.ts";
import { ApplyRefactorRequest, RefactorRequest } from "./api-refactor.ts";
import { CancelResponse, JobListResponse, JobStatusResponse, RespondRequest, RespondResponse } from "./api-jobs.ts";
import { ReembedRequest, ReembedResponse } from "./api-reembed.ts";
import { FixAgainRequest, JobActionResponse, ReviewRequest } from "./api-review.ts";
import { RunAgentRequest, RunJobResponse, RunPipelineRequest } from "./api-run.ts";
import { AiJobRequest } from "./docs-explain.ts";
import { KeySummary, LlmSettingsResponse, ModelListResponse, ProjectModelRequest, ProjectModelResponse, SaveKeyRequest, SaveLlmSettingsRequest } from "./api-settings.ts";

interface Endpoint {
  method: "get" | "post";
  /** As the function routes it, e.g. `/jobs/:job_id/respond`; the function is its first segment. */
  path: string;
  summary: string;
  body?: z.ZodType;
  /** The success status and its body (none: the route answers something other than JSON). */
  ok: [number, z.ZodType | null];
  /** Only the service role may call it. */
  internal?: boolean;
}

const Queued: Endpoint["ok"] = [202, RunJobResponse];

/** Every route of every function in supabase/config.toml. */
export const ENDPOINTS: Endpoint[] = [
  { method: "post", path: "/run-pipeline", summary: "Queue the whole pipeline (research, wireframe, code, QA) for an idea", body: RunPipelineRequest, ok: Queued },
  { method: "post", path: "/run-agent", summary: "Queue one agent on a project", body: RunAgentRequest, ok: Queued },
  { method: "post", path: "/run-ai", summary: "Queue a docs or explain job", body: AiJobRequest, ok: Queued },
  { method: "get", path: "/jobs/:job_id", summary: "A job's status", ok: [200, JobStatusResponse] },
  { method: "get", path: "/jobs/:job_id/stream", summary: "A job's progress as Server-Sent Events (replays past ?after=seq)", ok: [200, null] },
  { method: "get", path: "/jobs/:project_id/list", summary: "A project's jobs, newest first", ok: [200, JobListResponse] },
  { method: "post", path: "/jobs/:job_id/respond", summary: "Answer a job's questions; the answer says the job's real state", body: RespondRequest, ok: [200, RespondResponse] },
  { method: "post", path: "/jobs/:job_id/cancel", summary: "Cancel a job that has not finished", ok: [200, CancelResponse] },
  { method: "post", path: "/jobs/:job_id/review", summary: "Approve a review gate or request changes", body: ReviewRequest, ok: [200, JobActionResponse] },
  { method: "post", path: "/jobs/:job_id/pause", summary: "Pause a job between stages", ok: [200, JobActionResponse] },
  { method: "post", path: "/jobs/:job_id/resume", summary: "Resume a paused job", ok: [200, JobActionResponse] },
  { method: "post", path: "/jobs/:job_id/fix-again", summary: "Give a build whose fix loop stopped unfixed more fix attempts", body: FixAgainRequest, ok: [200, JobActionResponse] },
  { method: "post", path: "/worker", summary: "Run the next stage of a job and chain the one after", ok: [202, null], internal: true },
  { method: "post", path: "/worker/sweep", summary: "Requeue jobs whose worker vanished, restart queued ones, remove Storage garbage", ok: [200, null], internal: true },
  { method: "post", path: "/worker/reembed", summary: "Re-embed patterns and document passages with the configured embedding model, a few batches per call", body: ReembedRequest, ok: [200, ReembedResponse], internal: true },
  { method: "get", path: "/projects/:project_id/export/zip", summary: "The project's files as a zip", ok: [200, null] },
  { method: "post", path: "/projects/:project_id/export/github", summary: "Push the project's files to a GitHub repository as one commit", body: GitHubExportRequest, ok: [200, GitHubExportResponse] },
  { method: "post", path: "/projects/:project_id/import/github", summary: "Import a GitHub repository's text files into the project", body: GitHubImportRequest, ok: [200, null] },
  { method: "get", path: "/history/:project_id/diff", summary: "The diff between two versions (?from=&to=)", ok: [200, null] },
  { method: "post", path: "/history/:project_id/rollback", summary: "Restore a version as a new one", body: RollbackRequest, ok: [200, null] },
  { method: "post", path: "/refactor", summary: "Propose a refactor (rename a symbol, move a file, extract a component, or an instruction to the model), checked before it is shown", body: RefactorRequest, ok: Queued },
  { method: "post", path: "/refactor/:job_id/apply", summary: "Apply the accepted files of a proposal: all of them or none (409 on stale files, 422 when the proposal failed its check)", body: ApplyRefactorRequest, ok: [200, null] },
  { method: "post", path: "/preview", summary: "Bundle the project into a preview served by token", body: CreatePreviewRequest, ok: [202, null] },
  { method: "post", path: "/preview/fix", summary: "Send an error the preview threw to the code agent as a change request", body: PreviewFixRequest, ok: [202, RunJobResponse] },
  { method: "get", path: "/preview/:token", summary: "The preview page (sandboxed by CSP); no JWT, the token is the capability", ok: [200, null] },
  { method: "post", path: "/preview/sweep", summary: "Expire, soft-delete and purge old previews", body: SweepPreviewsRequest, ok: [200, null], internal: true },
  { method: "post", path: "/chat/threads/:id/messages", summary: "Send a message that builds, changes or answers", body: SendMessageRequest, ok: [202, null] },
  { method: "post", path: "/chat/messages/:id/retry", summary: "Retry a message whose run could not start", ok: [202, null] },
  { method: "post", path: "/chat/documents", summary: "Register an uploaded project document for retrieval", body: RegisterDocumentRequest, ok: [201, null] },
  { method: "get", path: "/chat/artifacts/:id", summary: "A run's stage artifact", ok: [200, null] },
  { method: "post", path: "/studio/orders", summary: "Place a batch media order", body: OrderRequest, ok: [202, null] },
  { method: "post", path: "/studio/orders/:id/cancel", summary: "Cancel an order", ok: [200, null] },
  { method: "post", path: "/studio/providers/:id/key", summary: "Store a provider's API key, encrypted", ok: [200, null], internal: true },
  { method: "post", path: "/studio/cleanup", summary: "Studio retention", ok: [200, null], internal: true },
  { method: "get", path: "/settings", summary: "The caller's keys (provider and last four characters only), model defaults, monthly cap and this month's spend", ok: [200, LlmSettingsResponse] },
  { method: "post", path: "/settings", summary: "Save the default provider and model and the monthly cap (not below this month's spend)", body: SaveLlmSettingsRequest, ok: [200, LlmSettingsResponse] },
  { method: "post", path: "/settings/keys", summary: "Add a provider key, checked with the provider first and stored encrypted", body: SaveKeyRequest, ok: [201, KeySummary] },
  { method: "post", path: "/settings/keys/:provider/delete", summary: "Delete the caller's key for a provider", ok: [200, null] },
  { method: "get", path: "/settings/models/:provider", summary: "The models a choice of this provider may name", ok: [200, ModelListResponse] },
  { method: "post", path: "/settings/projects/:project_id", summary: "Choose the project's provider and model, or follow the owner's default", body: ProjectModelRequest, ok: [200, ProjectModelResponse] },
];

const schemaOf = (schema: z.ZodType, io: "input" | "output") => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const ErrorBody = {
  type: "object",
  required: ["error", "code"],
  properties: {
    error: { type: "string", description: "What is wrong, in words." },
    code: { type: "string", enum: Object.keys(ERROR_STATUS), description: "shared/errors.ts's code; its HTTP status is fixed per code." },
    details: { description: "zod's issues for a bad body; other context for other codes." },
  },
};

/** The OpenAPI 3.1 document of every endpoint, its body, its success answer and its errors. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    const names = [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const [status, answer] = endpoint.ok;
    const errorStatuses = [...new Set(Object.values(ERROR_STATUS).filter((code) => code < 500))].sort();
    (paths[endpoint.path.replace(/:(\w+)/g, "{$1}")] ??= {})[endpoint.method] = {
      summary: endpoint.summary,
      tags: [endpoint.path.split("/")[1]],
      security: endpoint.internal ? [{ serviceRole: [] }] : endpoint.path.startsWith("/preview/:") ? [] : [{ userJwt: [] }],
      ...(names.length ? { parameters: names.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })) } : {}),
      ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(endpoint.body, "input") } } } } : {}),
      responses: {
        [status]: { description: "Success", ...(answer ? { content: { "application/json": { schema: schemaOf(answer, "output") } } } : {}) },
        ...Object.fromEntries(errorStatuses.map((code) => [code, { $ref: "#/components/responses/Error" }])),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "CodeForge Edge Functions", version: "1", description: "Every function answers errors as { error, code, details? }; see docs/api.md." },
    servers: [{ url: "/functions/v1" }],
    paths,
    components: {
      securitySchemes: {
        userJwt: { type: "http", scheme: "bearer", description: "The signed-in user's access token, with the anon key in the apikey header." },
        serviceRole: { type: "http", scheme: "bearer", description: "The service-role key (internal routes)." },
      },
      responses: { Error: { description: "A client error, never a 500 for bad input", content: { "application/json": { schema: ErrorBody } } } },
    },
  };
}
