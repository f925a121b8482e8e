/** @module Durations, dates and labels in words. */

/** 850 ms → "0.9 s", 75 000 ms → "1 min 15 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [["year", 31_536_000_000], ["month", 2_592_000_000], ["week", 604_800_000], ["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000]];

/** "5 minutes ago", "yesterday", "just now". */
export function formatRelative(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  for (const [unit, size] of UNITS) if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit);
  return "just now";
}

export const formatDateTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

const STATUS_WORDS: Record<string, string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  waiting_for_input: "Needs your answers",
  cancelled: "Cancelled",
  paused: "Paused",
  awaiting_review: "Awaiting your review",
  planning: "Planning",
  "in-progress": "In progress",
  building: "Building",
  archived: "Archived",
};
export const statusWords = (status: string) => STATUS_WORDS[status] ?? status;

const AGENT_WORDS: Record<string, string> = { pipeline: "Full build", research: "Research", wireframe: "Wireframe", code: "Code", qa: "QA", pedagogy: "Pedagogy", roadmap: "Roadmap", refactor: "Refactor", studio: "Studio order" };
export const agentWords = (agent: string) => AGENT_WORDS[agent] ?? agent;

/** A run's model cost in words, or null when no model ran (the offline engine uses no tokens). */
export function formatUsage(usage: { input_tokens: number; output_tokens: number; cost_usd: number } | undefined): string | null {
  const tokens = (usage?.input_tokens ?? 0) + (usage?.output_tokens ?? 0);
  if (!usage || tokens === 0) return null;
  const cost = usage.cost_usd > 0 && usage.cost_usd < 0.01 ? "< $0.01" : `$${usage.cost_usd.toFixed(2)}`;
  return `${cost} · ${tokens.toLocaleString("en-US")} tokens`;
}
