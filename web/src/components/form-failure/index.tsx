/** @module Why a form could not be sent, announced to screen readers; nothing when it could. */

export function FormFailure({ message }: { message: string | null }) {
  return message ? (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  ) : null;
}
