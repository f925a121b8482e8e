/** @module Previews: start one (the `preview` function bundles the project), and read the page its token serves. */
import { appError, type AppError } from "../lib/errors.ts";
import { callFunction, functionResponse, type Result } from "../lib/functions.ts";
import { supabaseUrl } from "../lib/supabase.ts";
import type { PreviewError, RunAgentResponse } from "../../../shared/protocol/index.ts";

export interface PreviewSession {
  session_id: string;
  preview_token: string;
  status: string;
  expires_at: string;
}

export const startPreview = (projectId: string): Promise<Result<PreviewSession>> => callFunction("preview", { method: "POST", body: { project_id: projectId } });

/** "Fix this": the error the preview threw goes to the code agent as a change request (a job like any other). */
export const fixPreviewError = (projectId: string, error: PreviewError): Promise<Result<RunAgentResponse>> =>
  callFunction("preview/fix", { method: "POST", body: { project_id: projectId, error } });

/** The shareable address of a preview: whoever holds it sees the app until it expires. */
export const previewUrl = (token: string) => `${supabaseUrl()}/functions/v1/preview/${token}`;

/** The page of a preview: `pending` while it bundles, the HTML once ready, or why not. */
export async function readPreview(token: string): Promise<{ state: "pending" } | { state: "ready"; html: string } | { state: "error"; error: AppError }> {
  const { data: response, error } = await functionResponse(`preview/${token}`);
  if (error) return { state: "error", error: error.status === 410 ? appError("not_found", "This preview has expired. Start a new one.") : error };
  if (response.status === 202) return { state: "pending" };
  return { state: "ready", html: await response.text() };
}
