/** @module Builder view: the idea box, Build or one agent, and the live timeline with questions and cancel. */
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { AgentType, RespondRequest, ReviewGates, ReviewRequest } from "../../../shared/protocol/index.ts";
import { ClarificationForm } from "../components/clarification-form/index.tsx";
import { ConnectionStatus } from "../components/connection-status/index.tsx";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { FixAttempts } from "../components/fix-attempts/index.tsx";
import { TextAreaField } from "../components/field/index.tsx";
import { JobTimeline } from "../components/job-timeline/index.tsx";
import { ReviewGateOptions } from "../components/review-gate-options/index.tsx";
import { ReviewPanel } from "../components/review-panel/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { SourceBadge } from "../components/source-badge/index.tsx";
import { StatusBadge } from "../components/status-badge/index.tsx";
import { cancelJob, fixJobAgain, pauseJob, respondToJob, resumeJob, reviewJob, runAgent, runPipeline } from "../data/jobs.ts";
import { useJobTimeline } from "../hooks/use-job-timeline.ts";
import { useOutputSources } from "../hooks/use-output-sources.ts";
import { IdeaForm, validate } from "../lib/forms.ts";
import { agentWords, formatRelative } from "../lib/format.ts";
import { routes } from "../paths.ts";
import { canFixAgain } from "../timeline/attempts.ts";
import { useProjectContext } from "./project.tsx";

type Target = "pipeline" | AgentType;
const BUILDER_AGENTS: AgentType[] = ["research", "wireframe", "code", "qa"];
const STUDENT_AGENTS: AgentType[] = [...BUILDER_AGENTS, "roadmap", "pedagogy"];

export function Component() {
  const { project } = useProjectContext();
  const [params, setParams] = useSearchParams();
  const { timeline, jobs, loading, error, connection, viaStream, retry, track } = useJobTimeline(project.id, params.get("job"));
  const [idea, setIdea] = useState(project.description ?? "");
  const [target, setTarget] = useState<Target>("pipeline");
  const [ideaError, setIdeaError] = useState<string | undefined>();
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancel, setCancel] = useState<{ jobId: string; state: "pending" | "done" | "failed"; message?: string } | null>(null);
  const [gates, setGates] = useState<ReviewGates>({});
  const [pausing, setPausing] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const [fixing, setFixing] = useState<{ jobId: string; busy: boolean; message: string | null } | null>(null);
  const job = timeline?.job;
  const sources = useOutputSources(job && job.status === "completed" ? [job.id] : []);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const { data, errors } = validate(IdeaForm, { user_idea: idea });
    setIdeaError(errors?.user_idea);
    if (!data) return;
    setStarting(true);
    setStartError(null);
    const { data: started, error: failure } = target === "pipeline" ? await runPipeline(project.id, data.user_idea, { design: !!gates.design, feature: !!gates.feature }) : await runAgent(project.id, target, data.user_idea);
    setStarting(false);
    if (failure) return setStartError(failure.message);
    track(started.job_id);
    setParams({}, { replace: true });
  };

  const cancelRun = async (jobId: string) => {
    setCancel({ jobId, state: "pending" });
    const { error: failure } = await cancelJob(jobId);
    setCancel(failure ? { jobId, state: "failed", message: failure.message } : { jobId, state: "done" });
  };

  const togglePause = async (jobId: string, paused: boolean) => {
    setPausing({ busy: true, message: null });
    const { error: failure } = paused ? await resumeJob(jobId) : await pauseJob(jobId);
    setPausing({ busy: false, message: failure?.message ?? null });
  };

  const fixAgain = async (jobId: string) => {
    setFixing({ jobId, busy: true, message: null });
    const { error: failure } = await fixJobAgain(jobId);
    setFixing({ jobId, busy: false, message: failure?.message ?? null });
  };

  const decide = async (body: ReviewRequest) => {
    if (!job) return null;
    const { error: failure } = await reviewJob(job.id, body);
    return failure ? failure.message : null;
  };

  const respond = async (body: RespondRequest) => {
    if (!job) return null;
    const { error: failure } = await respondToJob(job.id, body);
    return failure ? failure.message : null;
  };

  const agents = project.mode === "student" ? STUDENT_AGENTS : BUILDER_AGENTS;
  const busy = jobs.some((j) => ["queued", "running"].includes(j.status));
  const cancelState = cancel && job && cancel.jobId === job.id ? cancel : null;
  const offline = Object.values(sources).some((s) => s.source === "offline");

  return (
    <div className="build-grid">
      <form className="card stack" onSubmit={(event) => void start(event)} aria-labelledby="idea-title" noValidate>
        <h2 id="idea-title">Your idea</h2>
        <TextAreaField
          label="Describe the app"
          hint="Who uses it and what they do, e.g. “a CRM for dog walkers: clients, dogs, walks and invoices”."
          value={idea}
          error={ideaError}
          rows={5}
          maxLength={5000}
          onChange={(e) => setIdea(e.target.value)}
        />
        <div className="field">
          <label htmlFor="run-target">What to run</label>
          <select id="run-target" value={target} onChange={(e) => setTarget(e.target.value as Target)}>
            <option value="pipeline">Everything: research → wireframe → code → QA</option>
            {agents.map((agent) => (
              <option key={agent} value={agent}>
                Only the {agentWords(agent)} agent
              </option>
            ))}
          </select>
        </div>
        {target === "pipeline" ? <ReviewGateOptions projectId={project.id} value={gates} onChange={setGates} /> : null}
        {startError ? (
          <div className="alert alert-error" role="alert">
            {startError}
          </div>
        ) : null}
        <div className="row">
          <button type="submit" className="button button-primary" disabled={starting}>
            {starting ? "Starting…" : target === "pipeline" ? "Build" : `Run ${agentWords(target)}`}
          </button>
          {busy ? <span className="small muted">A run is in progress; a new one queues alongside it.</span> : null}
        </div>
      </form>

      <section className="card stack" aria-labelledby="timeline-title">
        <div className="job-switcher">
          <h2 id="timeline-title" style={{ margin: 0 }}>
            Live timeline
          </h2>
          <ConnectionStatus status={connection} viaStream={viaStream} />
        </div>
        <ErrorMessage error={error} onRetry={retry} title="The timeline could not be loaded." />
        {loading ? (
          <Skeleton lines={4} label="Loading the timeline…" />
        ) : !job ? (
          <EmptyState title="Nothing built yet">Describe your idea and press Build: the agents' progress shows here as it happens.</EmptyState>
        ) : (
          <>
            <div className="row" style={{ justifyContent: "space-between" }}>
              <div className="row">
                <strong>{agentWords(job.agent_type)}</strong>
                <StatusBadge status={job.status} />
                {offline ? <SourceBadge source={{ stage: "", source: "offline", model: null }} /> : null}
                <span className="small muted">started {formatRelative(job.created_at)}</span>
              </div>
              {timeline.isActive ? (
                <div className="row">
                {["queued", "running", "paused"].includes(job.status) ? (
                  <button type="button" className="button" onClick={() => void togglePause(job.id, job.status === "paused")} disabled={pausing.busy}>
                    {job.status === "paused" ? "Resume" : "Pause"}
                  </button>
                ) : null}
                <button type="button" className="button button-danger" onClick={() => void cancelRun(job.id)} disabled={cancelState?.state === "pending" || cancelState?.state === "done"}>
                  {cancelState?.state === "pending" ? "Cancelling…" : cancelState?.state === "done" ? "Cancelled" : "Cancel"}
                </button>
                </div>
              ) : null}
            </div>
            {cancelState?.state === "done" ? (
              <p className="alert alert-warn" role="status">
                Run cancelled. Finished stages keep their output.
              </p>
            ) : cancelState?.state === "failed" ? (
              <p className="alert alert-error" role="alert">
                {cancelState.message}
              </p>
            ) : null}
            {params.get("job") && jobs[0] && jobs[0].id !== job.id ? (
              <p className="small">
                You are looking at an earlier run. <Link to={routes.project(project.id)}>Show the latest run</Link>
              </p>
            ) : null}
            {pausing.message ? (
              <p className="alert alert-error" role="alert">
                {pausing.message}
              </p>
            ) : job.status === "paused" ? (
              <p className="alert alert-warn" role="status">
                Paused. The stage that was running finishes; nothing new starts until you resume.
              </p>
            ) : null}
            {job.status === "awaiting_review" && job.review_kind ? (
              <ReviewPanel key={job.id + job.updated_at} projectId={project.id} kind={job.review_kind} onDecide={decide} />
            ) : null}
            {timeline.questions.length ? <ClarificationForm key={job.id + job.updated_at} questions={timeline.questions} onSubmit={respond} /> : null}
            <JobTimeline timeline={timeline} />
            {job.agent_type === "pipeline" ? <FixAttempts projectId={project.id} jobId={job.id} events={timeline.events} /> : null}
            {fixing?.jobId === job.id && fixing.message ? (
              <p className="alert alert-error" role="alert">
                {fixing.message}
              </p>
            ) : null}
            {canFixAgain(job) ? (
              <div className="alert alert-warn row" role="status">
                <span>{String((job.result as { sandbox?: { summary?: unknown } }).sandbox?.summary ?? "Problems remain after the fix attempts.")}</span>
                <button type="button" className="button button-primary" onClick={() => void fixAgain(job.id)} disabled={fixing?.jobId === job.id && fixing.busy}>
                  {fixing?.jobId === job.id && fixing.busy ? "Starting…" : "Try to fix again"}
                </button>
              </div>
            ) : job.status === "completed" ? (
              <div className="alert alert-success row" role="status">
                <span>Done.</span>
                <Link to={routes.projectSpec(project.id)}>Read the specification</Link>
                <Link to={routes.projectFiles(project.id)}>Open the files</Link>
              </div>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
