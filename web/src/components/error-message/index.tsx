/** @module An error in words, with a retry when the caller can retry. */
import type { AppError } from "../../lib/errors.ts";

export function ErrorMessage({ error, onRetry, title }: { error: AppError | null; onRetry?: () => void; title?: string }) {
  if (!error) return null;
  return (
    <div className="alert alert-error row" role="alert" style={{ justifyContent: "space-between" }}>
      <span>
        {title ?? error.summary ? <strong>{title ?? error.summary} </strong> : null}
        {error.message}
      </span>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
