/** @module The QA agent's report: the verdict, then the issues grouped by severity, each linked to the file and line it names. */
import { Link } from "react-router-dom";
import type { QAIssueSeverity, QAResult } from "../../../../shared/protocol/index.ts";
import { issueLocation } from "./location.ts";

const SEVERITIES: { level: QAIssueSeverity; title: string; tone: string }[] = [
  { level: "critical", title: "Critical", tone: "badge-danger" },
  { level: "warning", title: "Warnings", tone: "badge-warn" },
  { level: "info", title: "Notes", tone: "" },
];

/** An issue's text, its file and line a link when `linkTo` knows the file. */
function IssueText({ description, linkTo }: { description: string; linkTo?: (path: string, line: number | null) => string | null }) {
  const at = issueLocation(description);
  const href = at && linkTo?.(at.path, at.line);
  if (!at || !href) return <div>{description}</div>;
  return (
    <div>
      <Link to={href} className="mono" title={`Open ${at.path}${at.line ? ` at line ${at.line}` : ""} in the editor`}>
        {at.path}
        {at.line ? `:${at.line}` : ""}
      </Link>{" "}
      {at.rest}
    </div>
  );
}

/** @param linkTo where an issue's file (and line) opens, or null for a file the project does not have. */
export function QaReport({ result, linkTo }: { result: QAResult; linkTo?: (path: string, line: number | null) => string | null }) {
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
                  <IssueText description={issue.description} linkTo={linkTo} />
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
