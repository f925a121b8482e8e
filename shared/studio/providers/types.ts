/** @module The shape every Studio provider adapter has: parameters in, one generated file out. */
import type { ParameterSet } from "../expand.ts";
import { AppError, isAppError } from "../../errors.ts";

export interface ModelRef {
  model_id: string;
  version: string | null;
}

export interface GenerateRequest {
  model: ModelRef;
  parameters: ParameterSet;
  /** The provider's API root, e.g. https://api.replicate.com/v1 (configurable per provider row). */
  baseUrl: string | null;
  apiKey: string | null;
  signal: AbortSignal;
}

export interface Generated {
  bytes: Uint8Array;
  /** As the provider labelled it, if it did. */
  mimeType?: string;
  /** What was sent (order_items.actual_parameter_set). */
  actual: ParameterSet;
  /** What came back besides the file (order_items.return_parameter_set). */
  returned: Record<string, unknown>;
  requestId?: string;
  /** Tokens the provider reported for the call (counted against `rate_limit_tokens`). */
  tokens?: number;
}

/** A failed provider call; `retryable` false when trying again cannot help (bad key, bad input). */
export const providerError = (message: string, retryable: boolean, upstreamStatus?: number): AppError =>
  new AppError("provider_failed", message, { retryable, ...(upstreamStatus === undefined ? {} : { upstream_status: upstreamStatus }) });

/** Whether trying a failed call again may help: false only for a provider failure that says so. */
export const isRetryable = (error: unknown): boolean =>
  !(isAppError(error) && error.code === "provider_failed" && (error.details as { retryable?: boolean }).retryable === false);

export interface StudioProvider {
  kind: string;
  needsKey: boolean;
  generate(request: GenerateRequest): Promise<Generated>;
}
