/** @module The user's projects: a paged list kept live, a form to start one, archive and delete. */
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ConfirmDialog } from "../components/confirm-dialog/index.tsx";
import { ConnectionStatus } from "../components/connection-status/index.tsx";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { Pagination } from "../components/pagination/index.tsx";
import { ProjectForm } from "../components/project-form/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { StatusBadge } from "../components/status-badge/index.tsx";
import { createProject, deleteProject, PROJECTS_PAGE_SIZE, setProjectArchived, type ProjectSummary } from "../data/projects.ts";
import { useProjects } from "../hooks/use-projects.ts";
import { useSession } from "../hooks/use-session.tsx";
import type { AppError } from "../lib/errors.ts";
import { formatDateTime, formatRelative } from "../lib/format.ts";
import { routes } from "../paths.ts";

export function Component() {
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const projects = useProjects(page);
  const { user } = useSession();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<ProjectSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<AppError | null>(null);

  const create = async (values: Parameters<typeof createProject>[1]) => {
    const { data, error } = await createProject(user!.id, values);
    if (error) return error.message;
    navigate(routes.project(data.id));
    return null;
  };
  const archive = async (project: ProjectSummary) => {
    setActionError(null);
    const { error } = await setProjectArchived(project.id, project.status !== "archived");
    if (error) setActionError(error);
    projects.reload();
  };
  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    const { error } = await deleteProject(deleting.id);
    setBusy(false);
    setDeleting(null);
    if (error) setActionError(error);
    projects.reload();
  };

  const total = projects.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PROJECTS_PAGE_SIZE));
  return (
    <div className="page">
      <div className="page-header">
        <h1 style={{ margin: 0 }}>Your projects</h1>
        <ConnectionStatus status={projects.live} />
      </div>
      <div className="grid-2" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 20rem), 1fr))", alignItems: "start" }}>
        <section aria-labelledby="project-list-title" className="stack" style={{ gridColumn: "span 1" }}>
          <h2 id="project-list-title" className="visually-hidden">
            Project list
          </h2>
          <ErrorMessage error={projects.error} onRetry={projects.reload} title="Your projects could not be loaded." />
          <ErrorMessage error={actionError} />
          {projects.loading && !projects.data ? (
            <Skeleton lines={5} label="Loading your projects…" />
          ) : projects.data && projects.data.rows.length === 0 ? (
            page > 1 ? (
              <EmptyState title="No projects on this page" action={<Link to={routes.projects()}>Back to the first page</Link>} />
            ) : (
              <EmptyState title="No projects yet">Create your first project with the form: give it a title, then describe your idea and press Build.</EmptyState>
            )
          ) : (
            <ul className="list" aria-label="Projects">
              {projects.data?.rows.map((project) => (
                <li key={project.id} className="card list-item" data-archived={project.status === "archived" || undefined}>
                  <div className="list-item-main">
                    <Link to={routes.project(project.id)}>{project.title}</Link>
                    <div className="meta">
                      <StatusBadge status={project.status} />
                      <span>{project.mode === "student" ? "Student" : "Builder"} mode</span>
                      <span title={formatDateTime(project.updated_at)}>Active {formatRelative(project.updated_at)}</span>
                    </div>
                  </div>
                  <div className="row">
                    <button type="button" className="button button-small" onClick={() => void archive(project)} aria-label={`${project.status === "archived" ? "Restore" : "Archive"} ${project.title}`}>
                      {project.status === "archived" ? "Restore" : "Archive"}
                    </button>
                    <button type="button" className="button button-small button-danger" onClick={() => setDeleting(project)} aria-label={`Delete ${project.title}`}>
                      Delete
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Pagination page={page} pageCount={pageCount} href={routes.projects} label="Project pages" />
        </section>
        <ProjectForm onCreate={create} />
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.title ?? ""}”?`}
        confirmLabel="Delete project"
        danger
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>Its requirements, site map, files and job history are deleted too. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
