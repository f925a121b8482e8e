/** @module The project's GitHub runs (`repo_syncs`): direction, repository, status and the error of a failed one. */
import type { RepoSync } from "../../data/repo-syncs.ts";
import { formatRelative } from "../../lib/format.ts";

const BADGE: Record<RepoSync["status"], string> = { PENDING: "", RUNNING: "badge-accent", SUCCESS: "badge-success", FAILED: "badge-danger" };

export function RepoSyncList({ syncs }: { syncs: RepoSync[] }) {
  if (!syncs.length) return null;
  return (
    <section className="card stack" aria-labelledby="syncs-title">
      <h2 id="syncs-title">GitHub runs</h2>
      <ul className="stack" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {syncs.map((sync) => (
          <li key={sync.id} className="small">
            <span className={`badge ${BADGE[sync.status]}`}>{sync.status}</span> {sync.direction === "import" ? "Import from" : "Export to"} <code>{sync.repo}</code>
            {sync.files_count !== null ? ` · ${sync.files_count} file${sync.files_count === 1 ? "" : "s"}` : ""}
            {sync.commit_sha ? <> · <code>{sync.commit_sha.slice(0, 7)}</code></> : null} · {formatRelative(sync.created_at)}
            {sync.error_message ? <div className="muted">{sync.error_message}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
