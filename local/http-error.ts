/** @module One HTTP error type for the local stack's surfaces, rendered as JSON. */

export class HttpError extends Error {
  readonly isHttpError = true;
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? body.error ?? body.msg ?? status));
  }

  toResponse(headers: HeadersInit = {}): Response {
    return Response.json(this.body, { status: this.status, headers });
  }
}

export const isHttpError = (error: unknown): error is HttpError =>
  typeof error === "object" && error !== null && (error as { isHttpError?: unknown }).isHttpError === true;
