/** @module A project's documents (txt, md, pdf) that the agents read: the list, and an upload with progress. */
import { useState } from "react";
import { fetchDocuments, uploadDocument } from "../../data/chat.ts";
import { useResource } from "../../hooks/use-resource.ts";
import { ErrorMessage } from "../error-message/index.tsx";

export function ProjectDocuments({ projectId }: { projectId: string }) {
  const documents = useResource(`documents:${projectId}`, () => fetchDocuments(projectId));
  const [upload, setUpload] = useState<{ name: string; progress: number; error?: string; reading?: boolean } | null>(null);
  const add = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ name: file.name, progress: 0 });
    const { error } = await uploadDocument(projectId, file, (progress) => setUpload({ name: file.name, progress, reading: progress >= 1 }));
    setUpload(error ? { name: file.name, progress: 0, error: error.message } : null);
    documents.reload();
  };
  return (
    <details className="card chat-documents">
      <summary>Project documents ({documents.data?.length ?? 0}): the agents read them</summary>
      <ErrorMessage error={documents.error} onRetry={documents.reload} title="The documents could not be loaded." />
      <ul className="list small">
        {(documents.data ?? []).map((doc) => (
          <li key={doc.id}>
            {doc.filename} <span className="muted">({doc.chunk_count} passages)</span>
          </li>
        ))}
      </ul>
      <div className="row small">
        <label className="button button-small">
          Add a document
          <input type="file" className="visually-hidden" accept=".txt,.md,.pdf,text/plain,text/markdown,application/pdf" onChange={(e) => void add(e.target.files?.[0])} />
        </label>
        {upload && !upload.error ? (
          <>
            <progress max={1} value={upload.progress} aria-label={`Uploading ${upload.name}`} />
            {upload.reading ? <span className="muted">Reading {upload.name}…</span> : null}
          </>
        ) : null}
        {upload?.error ? <span className="field-error" role="alert">{upload.error}</span> : null}
      </div>
    </details>
  );
}
