/** @module The research agent's requirements document: pitch, personas, features by priority, stack. */
import type { PriorityLevel, RequirementsDoc as Doc } from "../../../../shared/protocol/index.ts";

const PRIORITIES: { level: PriorityLevel; title: string }[] = [
  { level: "must-have", title: "Must have" },
  { level: "should-have", title: "Should have" },
  { level: "nice-to-have", title: "Nice to have" },
];

export function RequirementsDoc({ doc }: { doc: Doc }) {
  return (
    <article className="stack" aria-labelledby="req-title">
      <div>
        <h2 id="req-title">{doc.app_name}</h2>
        <p>{doc.elevator_pitch}</p>
      </div>
      <section aria-labelledby="req-personas">
        <h3 id="req-personas">Who it is for</h3>
        <ul className="list">
          {doc.target_audience.map((persona) => (
            <li key={persona.role} className="card">
              <strong>{persona.role}</strong>
              <div className="small">
                <span className="muted">Goal:</span> {persona.goal}
              </div>
              <div className="small">
                <span className="muted">Pain point:</span> {persona.pain_point}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="req-features">
        <h3 id="req-features">Features</h3>
        {PRIORITIES.map(({ level, title }) => {
          const features = doc.core_features.filter((feature) => feature.priority === level);
          if (!features.length) return null;
          return (
            <div key={level} className="stack" style={{ marginBottom: "0.75rem" }}>
              <h4 style={{ margin: 0 }}>
                {title} <span className="muted small">({features.length})</span>
              </h4>
              <ul style={{ margin: 0, paddingLeft: "1.25rem" }}>
                {features.map((feature) => (
                  <li key={feature.name}>
                    <strong>{feature.name}</strong> — {feature.description}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>
      <section aria-labelledby="req-stack">
        <h3 id="req-stack">Recommended stack</h3>
        <div className="row">
          {doc.recommended_stack.map((item) => (
            <span key={item} className="badge">
              {item}
            </span>
          ))}
        </div>
      </section>
      {doc.technical_constraints ? (
        <section aria-labelledby="req-constraints">
          <h3 id="req-constraints">Constraints</h3>
          <p className="small">{doc.technical_constraints}</p>
        </section>
      ) : null}
    </article>
  );
}
