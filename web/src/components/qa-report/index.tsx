/** @module The QA agent's report: the verdict, then the issues grouped by severity. */
import type { QAIssueSeverity, QAResult } from "../../../../shared/protocol/index.ts";

const SEVERITIES: { level: QAIssueSeverity; title: string; tone: string }[] = [
  { level: "critical", title: "Critical", tone: "badge-danger" },
  { level: "warning", title: "Warnings", tone: "badge-warn" },
  { level: "info", title: "Notes", tone: "" },
];

export function QaReport({ result }: { result: QAResult }) {
  return (
    <article className="stack" aria-labelledby="qa-title">
      <div className="row">
        <h2 id="qa-title" style={{ margin: 0 }}>
          QA report
        </h2>
        <span className={`badge ${result.passed ? "badge-success" : "badge-danger"}`}>{result.passed ? "Passed" : "Did not pass"}</span>
      </div>
      <p>{result.summary}</p>
      {result.issues.length === 0 ? <p className="muted">No issues found.</p> : null}
      {SEVERITIES.map(({ level, title, tone }) => {
        const issues = result.issues.filter((issue) => issue.severity === level);
        if (!issues.length) return null;
        return (
          <section key={level} aria-labelledby={`qa-${level}`}>
            <h3 id={`qa-${level}`}>
              {title} <span className={`badge ${tone}`}>{issues.length}</span>
            </h3>
            <ul className="list">
              {issues.map((issue, index) => (
                <li key={index} className="card small">
                  <div>{issue.description}</div>
                  <div className="muted">Suggestion: {issue.suggestion}</div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </article>
  );
}
