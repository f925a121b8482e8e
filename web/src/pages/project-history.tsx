/** @module Every run of the project, newest first, a page at a time, from the jobs list endpoint. */
import { Link, useSearchParams } from "react-router-dom";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { ListHeader } from "../components/list-header/index.tsx";
import { Pagination } from "../components/pagination/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { StatusBadge } from "../components/status-badge/index.tsx";
import { JOB_HISTORY_PAGE_SIZE, useJobHistory } from "../hooks/use-job-history.ts";
import { useLlmSettings } from "../hooks/use-llm-settings.ts";
import { agentWords, formatDateTime, formatDuration, formatRelative, formatUsage } from "../lib/format.ts";
import { routes } from "../paths.ts";
import { useProjectContext } from "./project.tsx";

export function Component() {
  const { project } = useProjectContext();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const history = useJobHistory(project.id, page);
  if (history.loading && !history.data) return <Skeleton lines={5} label="Loading the job history…" />;
  if (history.error) return <ErrorMessage error={history.error} onRetry={history.reload} title="The history could not be loaded." />;
  const { items = [], total = 0, usage = {} } = history.data ?? {};
  if (!items.length) {
    return (
      <EmptyState title="No runs yet" action={<Link to={routes.project(project.id)}>Go to Build</Link>}>
        Every build and agent run is listed here with its status and duration.
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="history-title" className="stack">
      <ListHeader id="history-title" title="Runs" count={total} onRefresh={history.reload} />
      <MonthSpend />
      <ul className="list" aria-label="Runs">
        {items.map((job) => (
          <li key={job.job_id} className="card list-item">
            <div className="list-item-main">
              <Link to={routes.project(project.id, job.job_id)}>{agentWords(job.agent_type)}</Link>
              <div className="meta">
                <StatusBadge status={job.status} />
                <span title={formatDateTime(job.created_at)}>started {formatRelative(job.created_at)}</span>
                <span>{job.completed_at ? `took ${formatDuration(Date.parse(job.completed_at) - Date.parse(job.created_at))}` : `${Math.round(job.progress)}% so far`}</span>
                {formatUsage(usage[job.job_id]) ? <span title="What the model calls cost">{formatUsage(usage[job.job_id])}</span> : null}
                {usage[job.job_id]?.model ? <span title="The provider and model it ran with">{usage[job.job_id]!.model}</span> : null}
              </div>
              {job.error ? <div className="small" style={{ color: "var(--danger)" }}>{job.error}</div> : null}
            </div>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageCount={Math.ceil(total / JOB_HISTORY_PAGE_SIZE)} href={(p) => routes.projectHistory(project.id, p)} label="History pages" />
    </section>
  );
}

/** This month's spend across all the user's projects, against their cap. */
function MonthSpend() {
  const settings = useLlmSettings().data;
  if (!settings) return null;
  const cap = settings.monthly_cap_usd;
  return (
    <p className="small" aria-label="Spend this month">
      This month, all projects: <strong>${settings.month_spend_usd.toFixed(2)}</strong>
      {cap === null ? " (no monthly cap)" : ` of your $${cap.toFixed(2)} monthly cap`} · <Link to={routes.settings()}>Settings</Link>
    </p>
  );
}
