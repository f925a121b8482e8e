/** @module The pedagogy agent's choice framework: the options with their pros, cons and difficulty, one of which the student picks. */
import type { ChoiceFramework as Framework, ImplementationOption } from "../../../../shared/protocol/index.ts";
import "./styles.css";

const LEVEL: Record<ImplementationOption["difficulty"], string> = { beginner: "Beginner", intermediate: "Intermediate", advanced: "Advanced" };

/**
 * @param chosen the id of the option already picked (the others stay readable, no longer pickable).
 * @param onChoose absent where the framework is only shown (an earlier session).
 */
export function ChoiceFramework({ framework, chosen, onChoose, busy }: { framework: Framework; chosen?: string | null; onChoose?(option: ImplementationOption): void; busy?: boolean }) {
  return (
    <div className="options stack">
      <p style={{ margin: 0 }}>{framework.context}</p>
      <ul className="options-list" aria-label="Options">
        {framework.options.map((option) => (
          <li key={option.id} className="option-card" data-chosen={chosen === option.id || undefined} aria-label={`${option.title}, ${LEVEL[option.difficulty]}`}>
            <div className="row" style={{ justifyContent: "space-between" }}>
              <strong>{option.title}</strong>
              <span className="badge">{LEVEL[option.difficulty]}</span>
            </div>
            <div className="option-tradeoffs small">
              <div>
                <span className="option-heading">Pros</span>
                <ul>{option.pros.map((pro) => <li key={pro}>{pro}</li>)}</ul>
              </div>
              <div>
                <span className="option-heading">Cons</span>
                <ul>{option.cons.map((con) => <li key={con}>{con}</li>)}</ul>
              </div>
            </div>
            <p className="small muted" style={{ margin: 0 }}>{option.educational_value}</p>
            {chosen === option.id ? (
              <span className="badge badge-success">Your choice</span>
            ) : onChoose && !chosen ? (
              <button type="button" className="button button-small" onClick={() => onChoose(option)} disabled={busy}>
                Choose<span className="visually-hidden"> {option.title}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="small" style={{ margin: 0 }}>
        <strong>Hint:</strong> {framework.recommendation}
      </p>
    </div>
  );
}
