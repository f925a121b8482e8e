/**
 * @module `npx tsx bench/fidelity.ts`: idea fidelity through the real pipeline. Runs every idea of
 * bench/fixtures/ideas.json one after another on ONE local stack (the learning loop stores patterns
 * between them, so contamination shows) and prints recall (entities the idea names with a page), the recall of
 * the records it only implies, and precision (pages about the idea) for the first and second half of the run and
 * for the held-out ideas.
 * Of the held-out ideas it runs the sets the record model never trained on (`UNTRAINED_SETS`) unless `SET=all` (every
 * set, about 90 minutes) or `SET=unseen-2,unseen-3` picks others; the labelled set always runs. `LIMIT=n` runs the
 * first n ideas of each; `VERBOSE=1` prints each idea's misses.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import { startStack } from "../local/server.ts";
import { fidelityOf } from "../shared/offline/fidelity.ts";
import { UNTRAINED_SETS } from "../shared/offline/record-training.ts";
import { table } from "./stats.ts";

interface IdeaCase {
  idea: string;
  entities: string[];
  holdout?: boolean;
  /** `unseen-2` to `unseen-101`: written by people who never saw the engine, each measured once before any tuning on it (see the fixture's `about`). */
  set?: string;
}
interface Outcome extends ReturnType<typeof fidelityOf> {
  idea: string;
  set?: string;
  status: string;
  passed: boolean;
  pages: number;
  /** How many entities the idea is labelled with. */
  labels: number;
}

const LIMIT = Number(process.env.LIMIT ?? Infinity);
const VERBOSE = process.env.VERBOSE === "1";
const fixture = JSON.parse(await readFile(new URL("./fixtures/ideas.json", import.meta.url), "utf8")) as { ideas: IdeaCase[] };
/** The held-out sets to run: `SET=all`, `SET=unseen-2,unseen-3`, or by default those the record model never trained on. */
const SET = process.env.SET ?? [...UNTRAINED_SETS].join(",");
const tune = fixture.ideas.filter((c) => !c.holdout).slice(0, LIMIT);
const holdout = fixture.ideas.filter((c) => c.holdout && (SET === "all" || SET.split(",").includes(c.set ?? ""))).slice(0, LIMIT);

const dataDir = await mkdtemp(join(tmpdir(), "codeforge-bench-fidelity-"));
const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: true });
const client = createClient(stack.apiUrl, stack.keys.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as unknown as typeof WebSocket } });
const { data: session, error: signUpError } = await client.auth.signUp({ email: "fidelity@example.test", password: "correct-horse-battery" });
if (signUpError || !session.session) throw signUpError ?? new Error("no session");
const headers = { apikey: stack.keys.anonKey, authorization: `Bearer ${session.session.access_token}`, "content-type": "application/json" };
const call = async (method: string, path: string, body?: unknown) =>
  (await fetch(`${stack.apiUrl}/functions/v1${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) })).json();

async function waitForJob(jobId: string): Promise<{ status: string; result: { questions?: { id: string; options?: string[] }[] } | null }> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = await call("GET", `/jobs/${jobId}`);
    if (["completed", "failed", "cancelled", "waiting_for_input"].includes(job.status) || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One idea through run-pipeline (clarification questions answered with their first option), scored on the stored site map. */
async function run(c: IdeaCase): Promise<Outcome> {
  const { data: project } = await client.from("projects").insert({ user_id: session.user!.id, title: c.idea.slice(0, 60), mode: "builder" }).select("id").single().throwOnError();
  const { job_id } = await call("POST", "/run-pipeline", { project_id: project!.id, input_context: { user_idea: c.idea } });
  let job = await waitForJob(job_id);
  if (job.status === "waiting_for_input") {
    const responses = (job.result?.questions ?? []).map((q) => ({ question_id: q.id, answer: q.options?.[0] ?? "Me" }));
    await call("POST", `/jobs/${job_id}/respond`, { responses });
    job = await waitForJob(job_id);
  }
  const { data } = await client.from("projects").select("architecture_spec").eq("id", project!.id).single().throwOnError();
  const { data: qa } = await client.from("job_artifacts").select("content").eq("job_id", job_id).eq("stage", "qa").maybeSingle();
  const paths: string[] = (data!.architecture_spec?.site_map ?? []).map((page: { path: string }) => page.path);
  const score = fidelityOf(c.idea, c.entities, paths);
  const output = (qa?.content as { output?: { passed?: boolean; summary?: string; issues?: { severity: string; description: string }[] } } | undefined)?.output;
  const passed = Boolean(output?.passed);
  const blocking = (output?.issues ?? []).filter((issue) => issue.severity !== "info").map((issue) => `${issue.severity}: ${issue.description}`);
  if (VERBOSE) console.log(`${job.status} ${passed ? "passed" : "FAILED"} r=${score.recall.toFixed(2)} p=${score.precision.toFixed(2)} ${c.idea}\n   pages: ${paths.join(" ")}${score.missing.length ? `\n   missing: ${score.missing.join(", ")}` : ""}${score.offTopic.length ? `\n   off-topic: ${score.offTopic.join(" ")}` : ""}${passed ? "" : `\n   QA: ${output?.summary ?? "no QA output"}${blocking.map((line) => `\n     ${line}`).join("")}`}`);
  return { ...score, idea: c.idea, ...(c.set ? { set: c.set } : {}), status: job.status, passed, pages: paths.length, labels: c.entities.length };
}

const started = performance.now();
const outcomes: Outcome[] = [];
try {
  for (const c of [...tune, ...holdout]) outcomes.push(await run(c));
} finally {
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * Recall over the entities the ideas name, over those they only imply and over all labels, and precision (and the
 * share of labelled pages) over all pages of `list` (micro averages), as percentages.
 */
function figures(name: string, list: Outcome[]): (string | number)[] {
  const sum = (count: (o: Outcome) => number) => list.reduce((n, o) => n + count(o), 0);
  const implied = sum((o) => o.implied.length);
  const impliedMissing = sum((o) => o.missing.filter((e) => o.implied.includes(e)).length);
  const missing = sum((o) => o.missing.length);
  const labels = sum((o) => o.labels);
  const pages = sum((o) => o.pages - (o.pages > 0 ? 1 : 0));
  const off = sum((o) => o.offTopic.length);
  const unlabelled = sum((o) => o.unlabelled.length);
  const pct = (found: number, of: number) => (of ? `${((100 * found) / of).toFixed(1)}%` : "–");
  return [
    name, list.length, pct(labels - implied - (missing - impliedMissing), labels - implied), pct(implied - impliedMissing, implied), pct(labels - missing, labels),
    pct(pages - off, pages), pct(pages - unlabelled, pages), list.filter((o) => o.status === "completed").length, list.filter((o) => o.passed).length,
  ];
}
const setOf = (o: { set?: string }) => o.set ?? "unseen-1";
const sets = [...new Set(holdout.map(setOf))];
const half = Math.ceil(tune.length / 2);
const tuneOutcomes = outcomes.slice(0, tune.length);
console.log(`\n### Idea fidelity (${outcomes.length} ideas in a row on one local stack, offline engine, ${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
console.log(table(["ideas", "runs", "recall", "implied recall", "all labels", "precision", "labelled pages", "completed", "QA passed"], [
  figures("first half", tuneOutcomes.slice(0, half)),
  figures("second half", tuneOutcomes.slice(half)),
  figures("all (labelled set)", tuneOutcomes),
  figures("held-out (run after)", outcomes.slice(tune.length)),
  figures("  of which the record model never trained on", outcomes.slice(tune.length).filter((o) => UNTRAINED_SETS.has(setOf(o)))),
  ...sets.map((set) => figures(`  of which ${set}`, outcomes.slice(tune.length).filter((o) => setOf(o) === set))),
]));
console.log("\nrecall: entities the idea names in its own words with a page of their own; implied recall: the same for labelled records the idea never names (\"payment\" for \"collect dues\"); all labels: both together; precision: pages (besides the dashboard) whose route names something the idea says; labelled pages: the stricter share of pages that are about one of the labels. Targets: recall ≥ 95%, precision ≥ 90%, the second half no lower than the first.");
process.exit(0);
