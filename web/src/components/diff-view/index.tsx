/** @module File changes as unified-diff hunks: added, removed and changed lines, one section per file. */
import type { StructuredPatchHunk } from "diff";
import "./styles.css";

export interface DiffFile {
  path: string;
  status: "added" | "removed" | "modified";
  hunks: StructuredPatchHunk[];
}

const STATUS_WORDS: Record<DiffFile["status"], string> = { added: "added", removed: "removed", modified: "changed" };
const tone = (line: string) => (line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("\\") ? "note" : "ctx");

export function DiffView({ files, label }: { files: DiffFile[]; label: string }) {
  if (!files.length) return <p className="small muted">No differences.</p>;
  return (
    <div className="stack diff-view" aria-label={label} role="region">
      {files.map((file) => (
        <section key={file.path} className="diff-file" aria-label={`${file.path} ${STATUS_WORDS[file.status]}`}>
          <h4 className="diff-file-name mono">
            {file.path} <span className={`badge ${file.status === "added" ? "badge-success" : file.status === "removed" ? "badge-danger" : "badge-accent"}`}>{STATUS_WORDS[file.status]}</span>
          </h4>
          {file.hunks.map((hunk) => (
            <pre key={`${hunk.oldStart}:${hunk.newStart}`} className="diff-hunk" tabIndex={0}>
              <span className="diff-line" data-tone="meta">{`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`}</span>
              {hunk.lines.map((line, i) => (
                <span key={i} className="diff-line" data-tone={tone(line)}>
                  {line}
                </span>
              ))}
            </pre>
          ))}
        </section>
      ))}
    </div>
  );
}
