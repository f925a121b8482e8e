/** @module Student mode: the learning roadmap the roadmap agent writes for the project at the student's level, and the mentor. */
import { useState } from "react";
import type { SkillLevel } from "../../../shared/protocol/index.ts";
import { EmptyState } from "../components/empty-state/index.tsx";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { MentorChat } from "../components/mentor-chat/index.tsx";
import { LEVEL_WORDS, RoadmapModules } from "../components/roadmap-modules/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { runAgent, waitForJob } from "../data/jobs.ts";
import { saveSkillLevel } from "../data/profiles.ts";
import { completeStep } from "../data/roadmaps.ts";
import { useMentorSessions } from "../hooks/use-mentor-sessions.ts";
import { useProfile } from "../hooks/use-profile.ts";
import { useRoadmap } from "../hooks/use-roadmap.ts";
import { useProjectContext } from "./project.tsx";

export function Component() {
  const { project } = useProjectContext();
  const [tick, setTick] = useState(0);
  const roadmap = useRoadmap(project.id, `${project.updated_at}:${tick}`);
  const profile = useProfile();
  const sessions = useMentorSessions(project.id);
  const [picked, setPicked] = useState<SkillLevel | null>(null);
  const [writing, setWriting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const level: SkillLevel = picked ?? profile.data?.skill_level ?? roadmap.data?.skill_level ?? "beginner";

  // The level chosen here becomes the profile's, so the mentor follows it too.
  const generate = async () => {
    setWriting(true);
    setProblem(null);
    const saved = picked && profile.data ? await saveSkillLevel(profile.data.id, picked) : null;
    if (saved?.error) {
      setWriting(false);
      return setProblem(saved.error.message);
    }
    const started = await runAgent(project.id, "roadmap", project.description || project.title, { skillLevel: level });
    const finished = started.error ? started : await waitForJob(started.data.job_id);
    setWriting(false);
    if (finished.error) return setProblem(finished.error.message);
    if (finished.data.status !== "completed") return setProblem(finished.data.error ?? `The roadmap agent stopped (${finished.data.status}).`);
    if (picked) profile.reload();
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
    <div className="row">
      <div className="field">
        <label htmlFor="roadmap-level">Your level</label>
        <select id="roadmap-level" value={level} onChange={(e) => setPicked(e.target.value as SkillLevel)} disabled={writing}>
          {(Object.keys(LEVEL_WORDS) as SkillLevel[]).map((value) => (
            <option key={value} value={value}>
              {LEVEL_WORDS[value]}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button-primary" onClick={() => void generate()} disabled={writing}>
        {writing ? "Writing your roadmap…" : roadmap.data ? "Write a new roadmap" : "Write my roadmap"}
      </button>
    </div>
  );
  let content;
  if (roadmap.loading && !roadmap.data) content = <Skeleton lines={6} label="Loading the roadmap…" />;
  else if (roadmap.error) content = <ErrorMessage error={roadmap.error} onRetry={roadmap.reload} />;
  else if (!roadmap.data) {
    content = (
      <EmptyState title="No roadmap yet" action={action}>
        The roadmap agent turns your idea into modules of steps at your level, each with the hours it takes and what it builds on.
      </EmptyState>
    );
  } else {
    const { id } = roadmap.data;
    content = (
      <>
        <div className="row" style={{ justifyContent: "space-between", alignItems: "end" }}>
          <h2 style={{ margin: 0 }}>Learning roadmap</h2>
          {action}
        </div>
        <RoadmapModules roadmap={roadmap.data} onDone={(step) => void markDone(id, step)} />
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
