/** @module Import from GitHub: `owner/name`, an optional branch, and a token (for private repositories) used for this one request. */
import { useState } from "react";
import { GitHubImportRequest } from "../../../../shared/protocol/index.ts";
import { importFromGitHub } from "../../data/repo-syncs.ts";
import { useFormSubmit } from "../../hooks/use-form-submit.ts";
import { validate } from "../../lib/forms.ts";
import { TextField } from "../field/index.tsx";
import { FormFailure } from "../form-failure/index.tsx";

export function GitHubImportForm({ projectId, onDone }: { projectId: string; onDone(): void }) {
  const [values, setValues] = useState({ repo: "", branch: "", token: "" });
  const [imported, setImported] = useState<string | null>(null);
  const { errors, failure, busy, submit } = useFormSubmit(
    () => validate(GitHubImportRequest, { repo: values.repo.trim(), ...(values.branch.trim() ? { branch: values.branch.trim() } : {}), ...(values.token.trim() ? { github_token: values.token.trim() } : {}) }),
    async (data) => {
      const { data: result, error } = await importFromGitHub(projectId, data);
      // The token lives only in this form's state; it is cleared once used.
      setValues((current) => ({ ...current, token: "" }));
      setImported(result ? `Imported ${result.files_count} file${result.files_count === 1 ? "" : "s"}${result.skipped.length ? ` (skipped ${result.skipped.length} binary or large ones)` : ""}.` : null);
      onDone();
      return error?.message ?? null;
    },
  );
  const field = (name: keyof typeof values) => ({ value: values[name], onChange: (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value }), autoComplete: "off" });
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="gh-import-title" noValidate>
      <h2 id="gh-import-title">Import from GitHub</h2>
      <p className="small muted">Copies the repository's text files into this project (files with the same path are replaced, as new versions). Public repositories need no token.</p>
      <TextField label="Repository (owner/name)" name="repo" error={errors.repo} {...field("repo")} />
      <TextField label="Branch (optional)" name="branch" error={errors.branch} {...field("branch")} />
      <TextField label="Access token (private repositories only)" name="github_token" type="password" error={errors.github_token} {...field("token")} />
      {imported && !failure ? (
        <div className="alert alert-success" role="status">
          {imported}
        </div>
      ) : null}
      <FormFailure message={failure} />
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </button>
      </div>
    </form>
  );
}
