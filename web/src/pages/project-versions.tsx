/** @module Versions of the project's files (manifests, docs/architecture.md#review-gates-history-and-refactoring): the list with integrity checks, a diff between any two, and rollback. */
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { ManifestDiff } from "../../../shared/history/index.ts";
import { ConfirmDialog } from "../components/confirm-dialog/index.tsx";
import { DiffView } from "../components/diff-view/index.tsx";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { ListHeader } from "../components/list-header/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { diffVersions, rollbackTo, type Version } from "../data/history.ts";
import { useVersions } from "../hooks/use-versions.ts";
import { formatDateTime, formatRelative } from "../lib/format.ts";
import { routes } from "../paths.ts";
import { useProjectContext } from "./project.tsx";

const SOURCE_WORDS: Record<string, string> = { code: "Code agent", save: "Your edit", refactor: "Refactor", rollback: "Rollback", import: "Import" };

export function Component() {
  const { project } = useProjectContext();
  const versions = useVersions(project.id, project.updated_at);
  const [params] = useSearchParams();
  const [pair, setPair] = useState<{ from: number; to: number } | null>(() => {
    const [from, to] = [Number(params.get("from")), Number(params.get("to"))];
    return from > 0 && to > 0 ? { from, to } : null;
  });
  const [rollback, setRollback] = useState<{ target: Version; busy: boolean } | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const list = versions.data ?? [];

  useEffect(() => {
    const known = (version: number) => list.some((v) => v.version === version);
    if (list.length >= 2 && (!pair || !known(pair.to) || !known(pair.from))) setPair({ from: list[1]!.version, to: list[0]!.version });
  }, [list, pair]);

  if (versions.loading && !versions.data) return <Skeleton lines={5} label="Loading the versions…" />;
  if (versions.error) return <ErrorMessage error={versions.error} onRetry={versions.reload} title="The versions could not be loaded." />;
  if (!list.length) {
    return (
      <EmptyState title="No versions yet" action={<Link to={routes.project(project.id)}>Go to Build</Link>}>
        Every change to the files — the code agent's, your saves, refactors, rollbacks — is kept here as a version you can compare and restore.
      </EmptyState>
    );
  }

  const confirmRollback = async () => {
    if (!rollback) return;
    setRollback({ ...rollback, busy: true });
    const { data, error } = await rollbackTo(project.id, rollback.target.version);
    setRollback(null);
    setNotice(error ? { tone: "error", text: error.message } : { tone: "success", text: `Restored version ${data.restored_from} as version ${data.version}. Nothing was lost: every earlier version is still here.` });
    versions.reload();
  };

  return (
    <div className="stack">
      {notice ? (
        <div className={`alert alert-${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </div>
      ) : null}
      <section aria-labelledby="versions-title" className="stack">
        <ListHeader id="versions-title" title="Versions" count={list.length} onRefresh={versions.reload} />
        <ul className="list" aria-label="Versions">
          {list.map((version) => (
            <li key={version.id} className="card list-item" data-version={version.version}>
              <div className="list-item-main">
                <strong>Version {version.version}</strong> <span className="muted">· {SOURCE_WORDS[version.source] ?? version.source}</span>
                <div className="meta">
                  <span title={formatDateTime(version.created_at)}>{formatRelative(version.created_at)}</span>
                  <span>{version.file_count} files</span>
                  {version.note ? <span className="mono small">{version.note}</span> : null}
                  {version.problems.length ? (
                    <span className="badge badge-danger" title={version.problems.join("; ")}>Integrity check failed</span>
                  ) : (
                    <span className="badge badge-success" title={`sha256 ${version.hash}`}>Verified</span>
                  )}
                </div>
                {version.problems.length ? <div className="small" style={{ color: "var(--danger)" }}>{version.problems.join("; ")}. It is shown but not trusted: it cannot be restored.</div> : null}
              </div>
              {version !== list[0] ? (
                <button type="button" className="button button-small" disabled={version.problems.length > 0} onClick={() => setRollback({ target: version, busy: false })}>
                  Roll back to version {version.version}
                </button>
              ) : (
                <span className="badge">Current</span>
              )}
            </li>
          ))}
        </ul>
      </section>
      {list.length >= 2 && pair ? <Compare projectId={project.id} versions={list} pair={pair} onPair={setPair} /> : null}
      <ConfirmDialog
        open={!!rollback}
        title={`Roll back to version ${rollback?.target.version ?? ""}?`}
        confirmLabel="Roll back"
        busy={rollback?.busy}
        onCancel={() => setRollback(null)}
        onConfirm={() => void confirmRollback()}
      >
        <p>The files become exactly those of version {rollback?.target.version}, saved as a new version. The current files stay in the history.</p>
      </ConfirmDialog>
    </div>
  );
}

function Compare({ projectId, versions, pair, onPair }: { projectId: string; versions: Version[]; pair: { from: number; to: number }; onPair(pair: { from: number; to: number }): void }) {
  const [diff, setDiff] = useState<{ key: string; result: ManifestDiff | null; error: string | null } | null>(null);
  const key = `${pair.from}-${pair.to}`;
  useEffect(() => {
    const before = versions.find((v) => v.version === pair.from);
    const after = versions.find((v) => v.version === pair.to);
    if (!before || !after) return;
    let live = true;
    diffVersions(projectId, before, after).then(
      (result) => live && setDiff({ key, result, error: null }),
      (error: unknown) => live && setDiff({ key, result: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => void (live = false);
  }, [projectId, versions, pair.from, pair.to, key]);
  const shown = diff?.key === key ? diff : null;
  const select = (which: "from" | "to", label: string) => (
    <div className="field">
      <label htmlFor={`compare-${which}`}>{label}</label>
      <select id={`compare-${which}`} value={pair[which]} onChange={(e) => onPair({ ...pair, [which]: Number(e.target.value) })}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="card stack" aria-labelledby="compare-title">
      <h2 id="compare-title" style={{ margin: 0 }}>Compare versions</h2>
      <div className="row">
        {select("from", "From")}
        {select("to", "To")}
      </div>
      {!shown ? (
        <Skeleton lines={4} label="Comparing…" />
      ) : shown.error ? (
        <div className="alert alert-error" role="alert">
          These versions cannot be compared: {shown.error}
        </div>
      ) : (
        <>
          <p className="small muted" role="status" style={{ margin: 0 }}>
            {shown.result!.modified} changed, {shown.result!.added} added, {shown.result!.removed} removed, {shown.result!.unchanged} unchanged.
          </p>
          <DiffView files={shown.result!.changes} label={`Differences from version ${pair.from} to version ${pair.to}`} />
        </>
      )}
    </section>
  );
}
