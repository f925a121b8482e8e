/** @module A project's frame: its title, mode and status, tabs for its views, and the project shared with them. */
import { NavLink, Outlet, useLoaderData, useOutletContext, type LoaderFunctionArgs } from "react-router-dom";
import { Uuid } from "../../../shared/protocol/index.ts";
import { StatusBadge } from "../components/status-badge/index.tsx";
import { fetchProject, type Project } from "../data/projects.ts";
import { useProject } from "../hooks/use-project.ts";
import { appError } from "../lib/errors.ts";
import { routes } from "../paths.ts";
import "./project.css";

const NOT_FOUND = "No project here. It may have been deleted, or it belongs to another account.";

export async function loader({ params }: LoaderFunctionArgs): Promise<{ project: Project }> {
  if (!Uuid.safeParse(params.projectId).success) throw appError("not_found", NOT_FOUND);
  const project = await fetchProject(params.projectId!);
  // RLS hides other users' projects: theirs and a missing one look the same.
  if (!project) throw appError("not_found", NOT_FOUND);
  return { project };
}

export interface ProjectContext {
  project: Project;
}

/** The project of the surrounding route, kept live. */
export function useProjectContext(): ProjectContext {
  return useOutletContext<ProjectContext>();
}

export function Component() {
  const { project: loaded } = useLoaderData<typeof loader>();
  const { project, deleted } = useProject(loaded);
  const tabs = [
    { to: routes.project(project.id), label: "Build", end: true },
    { to: routes.projectSpec(project.id), label: "Specification" },
    { to: routes.projectFiles(project.id), label: "Files" },
    { to: routes.projectPreview(project.id), label: "Preview" },
    { to: routes.projectHistory(project.id), label: "History" },
    { to: routes.projectVersions(project.id), label: "Versions" },
    { to: routes.projectRefactor(project.id), label: "Refactor" },
    { to: routes.projectExport(project.id), label: "Export" },
    { to: routes.projectStudio(project.id), label: "Studio" },
    ...(project.mode === "student" ? [{ to: routes.projectLearn(project.id), label: "Learn" }] : []),
  ];
  return (
    <div className="page">
      <div className="project-header">
        <div style={{ minWidth: 0 }}>
          <p className="small muted" style={{ margin: 0 }}>
            <NavLink to={routes.projects()}>Projects</NavLink> /
          </p>
          <h1 className="project-title">{project.title}</h1>
          <div className="meta">
            <StatusBadge status={project.status} />
            <span>{project.mode === "student" ? "Student" : "Builder"} mode</span>
            {project.description ? <span className="project-description">{project.description}</span> : null}
          </div>
        </div>
      </div>
      {deleted ? (
        <div className="alert alert-warn" role="alert">
          This project was deleted (perhaps in another tab). <NavLink to={routes.projects()}>Back to your projects</NavLink>
        </div>
      ) : null}
      <nav className="project-tabs" aria-label="Project views">
        {tabs.map((tab) => (
          <NavLink key={tab.label} to={tab.to} end={tab.end}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={{ project } satisfies ProjectContext} />
    </div>
  );
}
