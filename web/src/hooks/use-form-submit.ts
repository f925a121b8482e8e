/** @module The submit cycle every form shares: validate, show field errors, send, show what went wrong. */
import { useState, type FormEvent } from "react";

export type Checked<T> = { data: T; errors: null } | { data: null; errors: Record<string, string> };

/**
 * `check` validates the form's values; `send` acts on valid data and answers a
 * message for the user when it failed (null when it worked).
 */
export function useFormSubmit<T>(check: () => Checked<T>, send: (data: T) => Promise<string | null>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, errors: invalid } = check();
    setErrors(invalid ?? {});
    if (!data) return;
    setBusy(true);
    const problem = await send(data);
    setBusy(false);
    setFailure(problem);
  };
  return { errors, failure, busy, submit };
}
