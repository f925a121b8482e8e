/** @module Where a QA issue points: the `path[:line[:column]]` its description starts with. */

export interface IssueLocation {
  path: string;
  line: number | null;
  /** The description after the location. */
  rest: string;
}

const LOCATION = /^((?:[\w@.-]+\/)*[\w@.-]+\.[A-Za-z0-9]+)(?::(\d+))?(?::\d+)?(?=[:\s]|$)[:\s]*/;

/**
 * The file (and line) a QA issue names, e.g. `src/App.tsx:12:3 [types] …` → `{ path: "src/App.tsx", line: 12 }`;
 * null when the description names no file.
 */
export function issueLocation(description: string): IssueLocation | null {
  const match = LOCATION.exec(description);
  if (!match) return null;
  const line = match[2] ? Number(match[2]) : null;
  return { path: match[1]!, line: line && line > 0 ? line : null, rest: description.slice(match[0].length) };
}
