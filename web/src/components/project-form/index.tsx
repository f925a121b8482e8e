/** @module The "new project" form: title, description, builder or student mode. */
import { useState } from "react";
import { ProjectForm as Schema, validate, type ProjectForm as Values } from "../../lib/forms.ts";
import { useFormSubmit } from "../../hooks/use-form-submit.ts";
import { TextAreaField, TextField } from "../field/index.tsx";
import { FormFailure } from "../form-failure/index.tsx";

export function ProjectForm({ onCreate }: { onCreate(values: Values): Promise<string | null> }) {
  const [values, setValues] = useState({ title: "", description: "", mode: "builder" });
  const { errors, failure, busy, submit } = useFormSubmit(
    () => validate(Schema, values),
    async (data) => {
      const problem = await onCreate(data);
      if (!problem) setValues({ title: "", description: "", mode: values.mode });
      return problem;
    },
  );
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="new-project" noValidate>
      <h2 id="new-project">New project</h2>
      <TextField label="Title" name="title" value={values.title} error={errors.title} onChange={(e) => setValues({ ...values, title: e.target.value })} required maxLength={120} />
      <TextAreaField
        label="Description"
        name="description"
        hint="Optional: the idea in a sentence or two."
        value={values.description}
        error={errors.description}
        rows={3}
        onChange={(e) => setValues({ ...values, description: e.target.value })}
      />
      <fieldset className="field">
        <legend>Mode</legend>
        <label className="choice">
          <input type="radio" name="mode" value="builder" checked={values.mode === "builder"} onChange={() => setValues({ ...values, mode: "builder" })} />
          Builder — the agents build the app for you
        </label>
        <label className="choice">
          <input type="radio" name="mode" value="student" checked={values.mode === "student"} onChange={() => setValues({ ...values, mode: "student" })} />
          Student — learn by building it, with a roadmap
        </label>
      </fieldset>
      <FormFailure message={failure} />
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create project"}
        </button>
      </div>
    </form>
  );
}
