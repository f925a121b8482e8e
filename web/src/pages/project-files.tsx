/** @module The generated files: a tree, and the file opened in CodeMirror (its own chunk), saved with conflict detection. */
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Link, useBeforeUnload, useBlocker, useParams, useSearchParams } from "react-router-dom";
import { ConfirmDialog } from "../components/confirm-dialog/index.tsx";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { FileComments } from "../components/file-comments/index.tsx";
import { FileTree } from "../components/file-tree/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { writeDocs } from "../data/comments.ts";
import { saveFile } from "../data/files.ts";
import { useCommentThreads } from "../hooks/use-comment-threads.ts";
import { useProjectFile } from "../hooks/use-project-file.ts";
import { buildFileTree, useProjectFiles } from "../hooks/use-project-files.ts";
import type { AppError } from "../lib/errors.ts";
import { routes } from "../paths.ts";
import { useProjectContext } from "./project.tsx";

const CodeEditor = lazy(() => import("../components/code-editor/index.tsx"));

export function Component() {
  const { project } = useProjectContext();
  const path = useParams()["*"] || null;
  const line = Number(useSearchParams()[0].get("line")) || null;
  const files = useProjectFiles(project.id, project.updated_at);
  const tree = useMemo(() => buildFileTree(files.data ?? []), [files.data]);

  if (files.loading && !files.data) return <Skeleton lines={6} label="Loading the files…" />;
  if (files.error) return <ErrorMessage error={files.error} onRetry={files.reload} title="The files could not be loaded." />;
  if (!files.data?.length) {
    return (
      <EmptyState title="No files yet" action={<Link to={routes.project(project.id)}>Go to Build</Link>}>
        The code agent writes the app's files. Run the pipeline from the Build tab and they appear here.
      </EmptyState>
    );
  }
  return (
    <div className="files-grid">
      <div className="card" style={{ padding: "0.5rem" }}>
        <FileTree nodes={tree} href={(filePath) => routes.projectFiles(project.id, filePath)} label={`Files (${files.data.length})`} />
      </div>
      <div>{path ? <FileEditor key={path} projectId={project.id} path={path} line={line} /> : <EmptyState title="Choose a file">Pick a file in the tree to read and edit it.</EmptyState>}</div>
    </div>
  );
}

function FileEditor({ projectId, path, line }: { projectId: string; path: string; line: number | null }) {
  const file = useProjectFile(projectId, path);
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ version: number; content: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const threads = useCommentThreads(projectId, path);
  const [selection, setSelection] = useState({ from: 1, to: 1 });
  const [focusLine, setFocusLine] = useState<number | null>(null);

  useEffect(() => {
    if (!file.data) return;
    setSaved({ version: file.data.version, content: file.data.content ?? "" });
    setDraft(null);
    setProblem(null);
  }, [file.data]);

  const dirty = draft !== null && saved !== null && draft !== saved.content;
  useBeforeUnload((event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = ""; // what older browsers read
  });
  // In-app navigation to another page or file asks first; a ?line= jump within the file does not.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  const document = async (filePath?: string) => {
    const { error } = await writeDocs(projectId, filePath);
    setProblem(error);
    if (!error) setNotice(`The docs agent is writing ${filePath ? `docs for ${filePath}` : "the README"}; you will be notified when it is in the file tree.`);
  };

  const save = async () => {
    if (!file.data || !saved || !dirty || saving) return;
    setSaving(true);
    setNotice(null);
    const { data, error } = await saveFile({ id: file.data.id, version: saved.version }, draft);
    setSaving(false);
    setProblem(error);
    if (data) {
      setSaved({ version: data.version, content: draft });
      setNotice(`Saved as version ${data.version}.`);
    }
  };

  if (file.loading && !file.data) return <Skeleton lines={8} label={`Loading ${path}…`} />;
  if (file.error) return <ErrorMessage error={file.error} onRetry={file.reload} />;
  if (!file.data || !saved) return null;
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <div className="row">
          <h2 className="mono" style={{ margin: 0, fontSize: "1rem", overflowWrap: "anywhere" }}>
            {path}
          </h2>
          <span className="badge">v{saved.version}</span>
          {file.data.language ? <span className="badge">{file.data.language}</span> : null}
          {dirty ? <span className="badge badge-warn">Unsaved changes</span> : null}
        </div>
        <div className="row">
          <button type="button" className="button button-small" onClick={() => void document(path)}>
            Document this file
          </button>
          <button type="button" className="button button-small" onClick={() => void document()}>
            Write README
          </button>
          <button type="button" className="button button-primary" onClick={() => void save()} disabled={!dirty || saving}>
            {saving ? "Saving…" : "Save"}
          </button>
        </div>
      </div>
      {problem?.code === "conflict" ? (
        <div className="alert alert-warn row" role="alert" style={{ justifyContent: "space-between" }}>
          <span>
            <strong>Changed elsewhere.</strong> {problem.message}
          </span>
          <button type="button" className="button button-small" onClick={file.reload}>
            Reload the file
          </button>
        </div>
      ) : (
        <ErrorMessage error={problem} onRetry={() => void save()} />
      )}
      {notice && !dirty ? (
        <p className="small muted" role="status" style={{ margin: 0 }}>
          {notice}
        </p>
      ) : null}
      <Suspense fallback={<Skeleton lines={10} label="Loading the editor…" />}>
        <CodeEditor
          value={file.data.content ?? ""}
          path={path}
          language={file.data.language}
          label={`Contents of ${path}`}
          onChange={setDraft}
          onSave={() => void save()}
          commentLines={(threads.data ?? []).map((thread) => thread.line_start)}
          onCommentClick={setFocusLine}
          onSelectLines={setSelection}
          line={line}
        />
      </Suspense>
      <ConfirmDialog
        open={blocker.state === "blocked"}
        title="Leave without saving?"
        confirmLabel="Leave without saving"
        cancelLabel="Stay"
        danger
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>Your changes to {path} are not saved. Stay to save them, or leave and lose them.</p>
      </ConfirmDialog>
      <p className="small muted" style={{ margin: 0 }}>
        Ctrl/⌘ + S saves. Saving checks that nobody changed the file since you opened it. Select lines to comment on them; a dot in the gutter marks a thread.
      </p>
      <ErrorMessage error={threads.error} onRetry={threads.reload} />
      <FileComments projectId={projectId} path={path} threads={threads.data ?? []} selection={selection} focusLine={focusLine} onChanged={threads.reload} />
    </div>
  );
}
