/** @module The project's outputs: the requirements document, the site map and the QA report, each saying where it came from. */
import { Link } from "react-router-dom";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { QaReport } from "../components/qa-report/index.tsx";
import { RequirementsDoc } from "../components/requirements-doc/index.tsx";
import { SiteMap } from "../components/site-map/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { SourceBadge } from "../components/source-badge/index.tsx";
import { useProjectFiles } from "../hooks/use-project-files.ts";
import { useProjectOutputs } from "../hooks/use-project-outputs.ts";
import { routes } from "../paths.ts";
import { useProjectContext } from "./project.tsx";

export function Component() {
  const { project } = useProjectContext();
  const outputs = useProjectOutputs(project.id, project.updated_at);
  const sources = outputs.data?.sources ?? {};
  const files = useProjectFiles(project.id, project.updated_at);
  const paths = new Set((files.data ?? []).map((file) => file.path));
  const fileLink = (path: string, line: number | null) => (paths.has(path) ? routes.projectFiles(project.id, path, line) : null);
  const componentFile = (name: string) => {
    const path = [...paths].find((candidate) => /\.[jt]sx?$/.test(candidate) && candidate.split("/").pop()!.replace(/\.[jt]sx?$/, "") === name);
    return path ? routes.projectFiles(project.id, path) : null;
  };
  if (!project.requirements_spec && !project.architecture_spec && !outputs.data?.qa && !outputs.loading) {
    return (
      <EmptyState title="No specification yet" action={<Link to={routes.project(project.id)}>Go to Build</Link>}>
        Run the pipeline (or the research agent) from the Build tab: the requirements, site map and QA report appear here.
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <ErrorMessage error={outputs.error} onRetry={outputs.reload} />
      <div className="grid-2" style={{ alignItems: "start" }}>
        <section className="card" aria-label="Requirements">
          <div className="row" style={{ justifyContent: "flex-end" }}>
            <SourceBadge source={sources.research} />
          </div>
          {project.requirements_spec ? <RequirementsDoc doc={project.requirements_spec} /> : <p className="muted">No requirements yet: the research agent writes them.</p>}
        </section>
        <div className="stack">
          <section className="card" aria-label="Architecture">
            <div className="row" style={{ justifyContent: "flex-end" }}>
              <SourceBadge source={sources.wireframe} />
            </div>
            {project.architecture_spec ? <SiteMap spec={project.architecture_spec} fileOf={componentFile} /> : <p className="muted">No site map yet: the wireframe agent draws it after the research.</p>}
          </section>
          <section className="card" aria-label="Quality">
            <div className="row" style={{ justifyContent: "flex-end" }}>
              <SourceBadge source={sources.qa} />
            </div>
            {outputs.loading && !outputs.data ? (
              <Skeleton lines={3} label="Loading the QA report…" />
            ) : outputs.data?.qa ? (
              <QaReport result={outputs.data.qa} linkTo={fileLink} />
            ) : (
              <p className="muted">No QA report yet: the QA agent reviews the code once it is written.</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
