/** @module The Refactor tab's request form: rename a symbol, move a file, extract a component (no model needed), or an instruction for the model. */
import { useState, type FormEvent, type ReactNode } from "react";
import type { RefactorParams } from "../../../../shared/protocol/index.ts";
import { TextAreaField, TextField } from "../field/index.tsx";
import { FormFailure } from "../form-failure/index.tsx";
import { requestOf, type RefactorFields, type RefactorKind } from "./request.ts";

const KINDS: { kind: RefactorKind; label: string; hint: string }[] = [
  { kind: "instruction", label: "Follow an instruction", hint: "The configured model proposes the edits; they are type checked before you see them." },
  { kind: "rename_symbol", label: "Rename a symbol", hint: "Every identifier with this name in the project's TypeScript and JavaScript files — declarations, uses, imports, JSX tags — is renamed; strings and comments are left alone." },
  { kind: "rename_file", label: "Move a file", hint: "The file moves, and every import of it (and its own relative imports) is rewritten." },
  { kind: "extract_component", label: "Extract a component", hint: "A JSX element moves into its own component file, imported back; the local names it uses become its props." },
];

const EMPTY: RefactorFields = { instruction: "", symbol: "", renameTo: "", why: "", path: "", toPath: "", componentName: "", tag: "", occurrence: "1", startLine: "", endLine: "" };

export function RefactorForm({ busy, failure, onPropose }: { busy: boolean; failure: string | null; onPropose: (body: RefactorParams) => void }) {
  const [kind, setKind] = useState<RefactorKind>("rename_symbol");
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const field = (name: keyof RefactorFields, label: string, extra: Record<string, unknown> = {}): ReactNode => (
    <TextField label={label} value={values[name]} error={errors[name]} onChange={(e) => setValues({ ...values, [name]: e.target.value })} {...extra} />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answer = requestOf(kind, values);
    if ("errors" in answer) return setErrors(answer.errors);
    setErrors({});
    onPropose(answer.body);
  };
  const current = KINDS.find((k) => k.kind === kind)!;
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="refactor-title" noValidate>
      <h2 id="refactor-title" style={{ margin: 0 }}>Refactor</h2>
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0, flexWrap: "wrap" }}>
        <legend className="small muted">What to do</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="row" style={{ gap: "0.35rem" }}>
            <input type="radio" name="refactor-kind" value={k.kind} checked={kind === k.kind} onChange={() => (setKind(k.kind), setErrors({}))} />
            {k.label}
          </label>
        ))}
      </fieldset>
      <p className="small muted" style={{ margin: 0 }}>{current.hint} You review the change, file by file, before anything is written.</p>
      {kind === "instruction" ? (
        <TextAreaField label="Instruction" value={values.instruction} error={errors.instruction} rows={3} maxLength={2000} placeholder="Extract the client form into its own component" onChange={(e) => setValues({ ...values, instruction: e.target.value })} />
      ) : null}
      {kind === "rename_symbol" ? (
        <>
          <div className="row">
            {field("symbol", "Symbol", { placeholder: "WalkList" })}
            {field("renameTo", "Rename to", { placeholder: "WalkTable" })}
          </div>
          <TextAreaField label="Why (optional)" value={values.why} rows={2} maxLength={2000} onChange={(e) => setValues({ ...values, why: e.target.value })} />
        </>
      ) : null}
      {kind === "rename_file" ? (
        <div className="row">
          {field("path", "File", { placeholder: "src/pages/Clients.tsx" })}
          {field("toPath", "Move to", { placeholder: "src/features/clients/ClientsPage.tsx" })}
        </div>
      ) : null}
      {kind === "extract_component" ? (
        <>
          <div className="row">
            {field("path", "File", { placeholder: "src/pages/Clients.tsx" })}
            {field("componentName", "Component name", { placeholder: "ClientForm" })}
            {field("toPath", "New file (optional)", { placeholder: "beside the file, <Component name>.tsx" })}
          </div>
          <div className="row">
            {field("tag", "Element tag", { placeholder: "form" })}
            {field("occurrence", "Which one", { inputMode: "numeric" })}
            {field("startLine", "Or from line", { inputMode: "numeric" })}
            {field("endLine", "To line", { inputMode: "numeric" })}
          </div>
        </>
      ) : null}
      <FormFailure message={failure} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Proposing…" : "Propose the change"}
        </button>
      </div>
    </form>
  );
}
