/** @module Student mode: the learning roadmap the roadmap agent writes for the project, and the mentor. */
import { useState } from "react";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { MentorChat } from "../components/mentor-chat/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { runAgent, waitForJob } from "../data/jobs.ts";
import { completeStep, stepOffsets } from "../data/roadmaps.ts";
import { useMentorSessions } from "../hooks/use-mentor-sessions.ts";
import { useRoadmap } from "../hooks/use-roadmap.ts";
import { useProjectContext } from "./project.tsx";

export function Component() {
  const { project } = useProjectContext();
  const [tick, setTick] = useState(0);
  const roadmap = useRoadmap(project.id, `${project.updated_at}:${tick}`);
  const sessions = useMentorSessions(project.id);
  const [writing, setWriting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const generate = async () => {
    setWriting(true);
    setProblem(null);
    const started = await runAgent(project.id, "roadmap", project.description || project.title);
    const finished = started.error ? started : await waitForJob(started.data.job_id);
    setWriting(false);
    if (finished.error) return setProblem(finished.error.message);
    if (finished.data.status !== "completed") return setProblem(finished.data.error ?? `The roadmap agent stopped (${finished.data.status}).`);
    setTick((n) => n + 1);
  };

  const markDone = async (roadmapId: string, from: number) => {
    setProblem(null);
    try {
      if (!(await completeStep(roadmapId, from))) setProblem("The roadmap moved on in another tab; here it is as it is now.");
    } catch (error) {
      setProblem((error as Error).message);
    }
    setTick((n) => n + 1);
  };

  const action = (
    <button type="button" className="button button-primary" onClick={() => void generate()} disabled={writing}>
      {writing ? "Writing your roadmap…" : roadmap.data ? "Write a new roadmap" : "Write my roadmap"}
    </button>
  );
  let content;
  if (roadmap.loading && !roadmap.data) content = <Skeleton lines={6} label="Loading the roadmap…" />;
  else if (roadmap.error) content = <ErrorMessage error={roadmap.error} onRetry={roadmap.reload} />;
  else if (!roadmap.data) {
    content = (
      <EmptyState title="No roadmap yet" action={action}>
        The roadmap agent turns your idea into modules of steps, each with the hours it takes and what it builds on.
      </EmptyState>
    );
  } else {
    content = (
      <>
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h2 style={{ margin: 0 }}>Learning roadmap</h2>
          {action}
        </div>
        <ol className="list" aria-label="Modules">
          {roadmap.data.modules.map((module, index) => {
            const { id, current_step_index: current } = roadmap.data!;
            const start = stepOffsets(roadmap.data!.modules)[index]!;
            // A module opens once the student reaches its first step, unless the agent says otherwise.
            const locked = module.is_locked ?? current < start;
            return (
              <li key={`${index}-${module.title}`} className="card" aria-label={`Module ${index + 1}${locked ? " (locked)" : ""}`}>
                <h3>
                  {index + 1}. {module.title} <span className="badge">{module.estimated_hours} h</span>
                  {locked ? <span className="badge"> Locked</span> : null}
                </h3>
                <p className="small">{module.description}</p>
                <ol className="small">
                  {module.steps.map((step, stepIndex) => {
                    const number = start + stepIndex;
                    const state = number < current ? "done" : number === current ? "current" : "todo";
                    return (
                      <li key={step} aria-current={state === "current" ? "step" : undefined}>
                        {state === "done" ? "✓ " : null}
                        {state === "current" ? <strong>{step}</strong> : step}
                        {state === "current" && !locked ? (
                          <>
                            {" "}
                            <button type="button" className="button" onClick={() => void markDone(id, number)}>
                              Mark step {number + 1} done
                            </button>
                          </>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
                {module.prerequisites?.length ? <p className="small muted">Builds on: {module.prerequisites.join(", ")}</p> : null}
              </li>
            );
          })}
        </ol>
      </>
    );
  }
  return (
    <div className="grid-2" style={{ alignItems: "start" }}>
      <section className="stack" aria-label="Roadmap">
        {problem ? (
          <div className="alert alert-error" role="alert">
            {problem}
          </div>
        ) : null}
        {content}
      </section>
      <MentorChat projectId={project.id} sessions={sessions.data ?? []} onSaved={sessions.reload} />
    </div>
  );
}
