/** @module What an agent message carries, inline: requirements, architecture, the generated file map, the review; the full output on demand. */
import { useState } from "react";
import { Link } from "react-router-dom";
import type { RequirementsDoc, WireframeSpec } from "../../../../shared/protocol/index.ts";
import { fetchJobArtifact, type MessageArtifact as Artifact } from "../../data/chat.ts";
import { routes } from "../../paths.ts";

const formatBytes = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

interface FileEntry {
  path: string;
  language: string;
  bytes: number;
}

function FullOutput({ artifactId }: { artifactId: string }) {
  const [state, setState] = useState<{ text?: string; error?: string; loading?: boolean }>({});
  const load = async () => {
    setState({ loading: true });
    const { data, error } = await fetchJobArtifact(artifactId);
    setState(error ? { error: error.message } : { text: JSON.stringify(data.content, null, 2) });
  };
  if (state.text !== undefined) return <pre className="chat-artifact-json">{state.text}</pre>;
  return (
    <div className="row">
      <button type="button" className="button button-small" onClick={() => void load()} disabled={state.loading}>
        {state.loading ? "Loading…" : "Show the full output"}
      </button>
      {state.error ? <span className="field-error" role="alert">{state.error}</span> : null}
    </div>
  );
}

export function MessageArtifact({ artifact, projectId }: { artifact: Artifact; projectId: string | null }) {
  const payload = artifact.payload;
  const requirements = payload.requirementsArtifact as RequirementsDoc | null | undefined;
  const architecture = payload.architectureArtifact as WireframeSpec | null | undefined;
  const files = payload.generatedFileMap as FileEntry[] | undefined;
  const review = payload.review as { passed: boolean; summary: string; issues: number } | undefined;
  const size = typeof payload.size_bytes === "number" ? payload.size_bytes : null;
  return (
    <div className="chat-artifact" data-stage={String(payload.stage)}>
      {requirements ? (
        <details open>
          <summary>Requirements: {requirements.app_name}</summary>
          <p>{requirements.elevator_pitch}</p>
          <ul>
            {requirements.core_features.map((feature) => (
              <li key={feature.name}>
                <strong>{feature.name}</strong> <span className="muted small">({feature.priority})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {architecture ? (
        <details open>
          <summary>Site map: {architecture.site_map.length} pages</summary>
          <ul>
            {architecture.site_map.map((page) => (
              <li key={page.path}>
                <code>{page.path}</code> <span className="muted small">{page.description}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {files ? (
        <details open>
          <summary>Files: {files.length}</summary>
          <ul className="chat-file-map">
            {files.map((file) => (
              <li key={file.path}>
                {projectId ? <Link to={routes.projectFiles(projectId, file.path)}>{file.path}</Link> : <code>{file.path}</code>}{" "}
                <span className="muted small">{formatBytes(file.bytes)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {review ? (
        <p className={`alert ${review.passed ? "alert-success" : "alert-warn"}`}>
          {review.summary} {review.issues ? `(${review.issues} issues)` : null}
        </p>
      ) : null}
      {artifact.job_artifact_id ? (
        <div className="small muted row">
          {payload.bundle_path ? <span>Kept in Storage{size ? ` (${formatBytes(size)})` : ""}.</span> : null}
          <FullOutput artifactId={artifact.job_artifact_id} />
        </div>
      ) : null}
    </div>
  );
}
