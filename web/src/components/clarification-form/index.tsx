/** @module The research agent's questions as a form: radio choices where it offered options, a text box otherwise. */
import { useState } from "react";
import type { ClarificationQuestion, RespondRequest } from "../../../../shared/protocol/index.ts";
import { useFormSubmit } from "../../hooks/use-form-submit.ts";
import { respondBody } from "../../lib/forms.ts";
import { FormFailure } from "../form-failure/index.tsx";

export function ClarificationForm({ questions, onSubmit }: { questions: ClarificationQuestion[]; onSubmit(body: RespondRequest): Promise<string | null> }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const { errors, failure, busy, submit } = useFormSubmit(() => respondBody(questions, answers), onSubmit);
  const set = (id: string, value: string) => setAnswers((current) => ({ ...current, [id]: value }));
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="clarify-title" noValidate>
      <div>
        <h2 id="clarify-title">A few questions first</h2>
        <p className="muted small">The research agent needs these answers to write the requirements. The build continues once you send them.</p>
      </div>
      {questions.map((question) =>
        question.options?.length ? (
          <fieldset key={question.id} className="field" aria-describedby={errors[question.id] ? `q-${question.id}-error` : undefined}>
            <legend>{question.question}</legend>
            {question.options.map((option) => (
              <label key={option} className="choice">
                <input type="radio" name={`q-${question.id}`} value={option} checked={answers[question.id] === option} onChange={() => set(question.id, option)} />
                {option}
              </label>
            ))}
            {errors[question.id] ? <span id={`q-${question.id}-error`} className="field-error">{errors[question.id]}</span> : null}
          </fieldset>
        ) : (
          <div key={question.id} className="field">
            <label htmlFor={`q-${question.id}`}>{question.question}</label>
            <input
              id={`q-${question.id}`}
              type="text"
              value={answers[question.id] ?? ""}
              onChange={(event) => set(question.id, event.target.value)}
              aria-invalid={errors[question.id] ? true : undefined}
              aria-describedby={errors[question.id] ? `q-${question.id}-error` : undefined}
            />
            {errors[question.id] ? <span id={`q-${question.id}-error`} className="field-error">{errors[question.id]}</span> : null}
          </div>
        ),
      )}
      <FormFailure message={failure} />
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Sending…" : "Send answers and continue"}
        </button>
      </div>
    </form>
  );
}
