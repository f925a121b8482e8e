/** @module HTTP helpers the calling-out providers share: JSON calls with clear errors, and file downloads. */
import { providerError } from "./types.ts";

const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;

/** Sends JSON and parses the JSON answer; a non-2xx becomes a ProviderError carrying the provider's message. */
export async function callJson(url: string, init: RequestInit & { signal: AbortSignal }, provider: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init.headers } });
  } catch (error) {
    if (init.signal.aborted) throw error;
    throw providerError(`${provider}: ${url} is unreachable (${(error as Error).message})`, true);
  }
  const text = await response.text();
  if (!response.ok) {
    throw providerError(`${provider} answered ${response.status}: ${text.slice(0, 300) || response.statusText}`, RETRYABLE(response.status), response.status);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw providerError(`${provider} answered with something that is not JSON: ${text.slice(0, 100)}`, true);
  }
}

/** Downloads a generated file (an https: or data: URL). */
export async function download(url: string, signal: AbortSignal, provider: string): Promise<{ bytes: Uint8Array; mimeType?: string }> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw providerError(`${provider}: downloading the output failed with ${response.status}`, RETRYABLE(response.status));
  return { bytes: new Uint8Array(await response.arrayBuffer()), mimeType: response.headers.get("content-type") ?? undefined };
}

export const requireBase = (baseUrl: string | null, provider: string) => {
  if (!baseUrl) throw providerError(`${provider}: the provider has no api_base_url.`, false);
  return baseUrl.replace(/\/+$/, "");
};

export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
