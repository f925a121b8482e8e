/** @module Export to GitHub: a repository name and a token used for this one request, never stored. */
import { useState, type FormEvent } from "react";
import type { GitHubExportResponse } from "../../../../shared/protocol/index.ts";
import { GitHubExportForm as Schema, validate } from "../../lib/forms.ts";
import type { Result } from "../../lib/functions.ts";
import { TextField } from "../field/index.tsx";

export function GitHubExportForm({ defaultName, onExport }: { defaultName: string; onExport(body: { repo_name: string; github_token: string }): Promise<Result<GitHubExportResponse>> }) {
  const [repoName, setRepoName] = useState(defaultName);
  const [token, setToken] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true; result: GitHubExportResponse } | { ok: false; message: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, errors: invalid } = validate(Schema, { repo_name: repoName.trim(), github_token: token.trim() });
    setErrors(invalid ?? {});
    if (!data) return;
    setBusy(true);
    const { data: result, error } = await onExport(data);
    setBusy(false);
    // The token lives only in this form's state; it is cleared once used.
    setToken("");
    setOutcome(error ? { ok: false, message: error.message } : { ok: true, result: result! });
  };
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="gh-title" noValidate>
      <h2 id="gh-title">Push to GitHub</h2>
      <p className="small muted">Creates the repository if needed and pushes every file as one commit. The token is sent with this request only and never stored.</p>
      <TextField label="Repository name" name="repo_name" value={repoName} error={errors.repo_name} onChange={(e) => setRepoName(e.target.value)} autoComplete="off" />
      <TextField
        label="GitHub token"
        name="github_token"
        type="password"
        hint="A fine-grained token with Contents: read and write."
        value={token}
        error={errors.github_token}
        onChange={(e) => setToken(e.target.value)}
        autoComplete="off"
      />
      {outcome?.ok ? (
        <div className="alert alert-success" role="status">
          Pushed {outcome.result.files_pushed} files to{" "}
          <a href={outcome.result.repo_url} target="_blank" rel="noreferrer">
            {outcome.result.repo_url}
          </a>{" "}
          (commit <code>{outcome.result.commit_sha.slice(0, 7)}</code>).
        </div>
      ) : outcome ? (
        <div className="alert alert-error" role="alert">
          {outcome.message}
        </div>
      ) : null}
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Pushing…" : "Push to GitHub"}
        </button>
      </div>
    </form>
  );
}
