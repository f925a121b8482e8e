/** @module Import from GitHub: `owner/name`, an optional branch, and a token (for private repositories) used for this one request. */
import { useState, type FormEvent } from "react";
import { GitHubImportRequest } from "../../../../shared/protocol/index.ts";
import { importFromGitHub } from "../../data/repo-syncs.ts";
import { validate } from "../../lib/forms.ts";
import { TextField } from "../field/index.tsx";

export function GitHubImportForm({ projectId, onDone }: { projectId: string; onDone(): void }) {
  const [repo, setRepo] = useState("");
  const [branch, setBranch] = useState("");
  const [token, setToken] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, errors: invalid } = validate(GitHubImportRequest, { repo: repo.trim(), ...(branch.trim() ? { branch: branch.trim() } : {}), ...(token.trim() ? { github_token: token.trim() } : {}) });
    setErrors(invalid ?? {});
    if (!data) return;
    setBusy(true);
    const { data: result, error } = await importFromGitHub(projectId, data);
    setBusy(false);
    setToken("");
    setOutcome(error ? { ok: false, message: error.message } : { ok: true, message: `Imported ${result!.files_count} files${result!.skipped.length ? ` (skipped ${result!.skipped.length} binary or large ones)` : ""}.` });
    onDone();
  };
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="gh-import-title" noValidate>
      <h2 id="gh-import-title">Import from GitHub</h2>
      <p className="small muted">Copies the repository's text files into this project (files with the same path are replaced, as new versions). Public repositories need no token.</p>
      <TextField label="Repository (owner/name)" name="repo" value={repo} error={errors.repo} onChange={(e) => setRepo(e.target.value)} autoComplete="off" />
      <TextField label="Branch (optional)" name="branch" value={branch} error={errors.branch} onChange={(e) => setBranch(e.target.value)} autoComplete="off" />
      <TextField label="GitHub token (private repositories)" name="github_token" type="password" value={token} error={errors.github_token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      {outcome ? (
        <div className={`alert ${outcome.ok ? "alert-success" : "alert-error"}`} role={outcome.ok ? "status" : "alert"}>
          {outcome.message}
        </div>
      ) : null}
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </button>
      </div>
    </form>
  );
}
