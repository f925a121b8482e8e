/** @module A learning roadmap's modules: steps done, the current one to mark done, and which modules are still locked. */
import { stepOffsets, type Roadmap } from "../../data/roadmaps.ts";

export const LEVEL_WORDS = { beginner: "Beginner", intermediate: "Intermediate", advanced: "Advanced" } as const;

/** The roadmap's title, level and hours, then its modules; `onDone(n)` marks step `n` (0-based) done. */
export function RoadmapModules({ roadmap, onDone }: { roadmap: Roadmap; onDone: (step: number) => void }) {
  const { current_step_index: current } = roadmap;
  const offsets = stepOffsets(roadmap.modules);
  return (
    <>
      {roadmap.title ? (
        <p className="small" aria-label="About this roadmap">
          <strong>{roadmap.title}</strong>
          {roadmap.skill_level ? <span className="badge"> Level: {LEVEL_WORDS[roadmap.skill_level]}</span> : null}
          {roadmap.total_estimated_hours ? <span className="badge"> {roadmap.total_estimated_hours} h in all</span> : null}
        </p>
      ) : null}
      {roadmap.description ? <p className="small muted">{roadmap.description}</p> : null}
      <ol className="list" aria-label="Modules">
        {roadmap.modules.map((module, index) => {
          const start = offsets[index]!;
          // Older roadmaps have no stored lock: a module opens once the student reaches its first step.
          const locked = module.is_locked ?? current < start;
          return (
            <li key={`${index}-${module.title}`} className="card" aria-label={`Module ${index + 1}${locked ? " (locked)" : ""}`}>
              <h3>
                {index + 1}. {module.title} <span className="badge">{module.estimated_hours} h</span>
                {locked ? <span className="badge"> Locked</span> : null}
              </h3>
              <p className="small">{module.description}</p>
              {locked ? <p className="small muted">Opens when you finish the module before it.</p> : null}
              <ol className="small">
                {module.steps.map((step, stepIndex) => {
                  const number = start + stepIndex;
                  const state = number < current ? "done" : number === current ? "current" : "todo";
                  return (
                    <li key={`${stepIndex}-${step}`} aria-current={state === "current" ? "step" : undefined}>
                      {state === "done" ? "✓ " : null}
                      {state === "current" ? <strong>{step}</strong> : step}
                      {state === "current" && !locked ? (
                        <>
                          {" "}
                          <button type="button" className="button" onClick={() => onDone(number)}>
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
