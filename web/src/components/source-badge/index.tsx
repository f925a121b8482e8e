/** @module Says where an output came from: the offline engine (no AI model) or a named model. */
import type { StageSource } from "../../data/jobs.ts";

export function SourceBadge({ source }: { source: StageSource | undefined }) {
  if (!source?.source) return null;
  if (source.source === "offline") {
    return (
      <span className="badge badge-warn" title="Drafted by CodeForge's offline engine from the words of the idea; no AI model was used. Connect an LLM provider for deeper results.">
        Offline engine
      </span>
    );
  }
  return <span className="badge badge-accent">{source.model ?? "AI model"}</span>;
}
