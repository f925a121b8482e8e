/** @module A job's or project's status as a coloured badge with words. */
import { statusWords } from "../../lib/format.ts";

const TONE: Record<string, string> = {
  completed: "badge-success",
  failed: "badge-danger",
  cancelled: "badge-warn",
  waiting_for_input: "badge-warn",
  awaiting_review: "badge-warn",
  paused: "badge-warn",
  running: "badge-accent",
  building: "badge-accent",
  "in-progress": "badge-accent",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONE[status] ?? ""}`}>{statusWords(status)}</span>;
}
