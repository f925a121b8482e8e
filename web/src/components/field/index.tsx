/** @module A labelled form field with its hint and error wired up for assistive technology. */
import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <span id={`${id}-hint`} className="field-hint">{hint}</span> : null}
      <input id={id} type="text" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      {error ? <span id={`${id}-error`} className="field-error">{error}</span> : null}
    </div>
  );
}

export function TextAreaField({ label, error, hint, ...textarea }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <span id={`${id}-hint`} className="field-hint">{hint}</span> : null}
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...textarea} />
      {error ? <span id={`${id}-error`} className="field-error">{error}</span> : null}
    </div>
  );
}
