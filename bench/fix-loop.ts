/**
 * @module `npx tsx bench/fix-loop.ts`: the fix loop's repair rate on the fault corpus, with a
 * scripted repairing model: each attempt runs the app in the sandbox, the fix pass's targets
 * come from the failures (shared/pipeline/fix-failures.ts), and the model rewrites a target it
 * broke back to what it meant. Prints the share repaired within 3 attempts and the time per
 * attempt. APPS=n uses the first n ideas (default 12: two per fault class).
 */
import { filesToFix, failuresOf, type SandboxArtifact } from "../shared/pipeline/fix-failures.ts";
import { verdict } from "../sandbox/checks.ts";
import { CORPUS_IDEAS, faultyApps } from "../sandbox/corpus/index.ts";
import { offlineApp } from "../shared/offline/app.ts";
import { Sandbox } from "../sandbox/index.ts";
import { ms, percentile, table } from "./stats.ts";

const APPS = Math.min(Number(process.env.APPS ?? 12), CORPUS_IDEAS.length);
const MAX_ATTEMPTS = 3;
const sandbox = new Sandbox({ timeoutMs: 30_000 });

try {
  const attemptMs: number[] = [];
  const byClass = new Map<string, { total: number; repaired: number; attempts: number[] }>();
  const unrepaired: string[] = [];
  for (const app of await faultyApps(CORPUS_IDEAS.slice(0, APPS))) {
    const intended = new Map((await offlineApp(app.idea)).files.map((f) => [f.path, f.content]));
    let files = app.files;
    let repairedAt = 0;
    let last = "";
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const started = performance.now();
      const report = await sandbox.run(files, { routes: app.routes });
      const v = verdict(report, app.requirements);
      attemptMs.push(performance.now() - started);
      if (v.passed) {
        repairedAt = attempt;
        break;
      }
      const artifact = { status: "failed", output: { verdict: v } } as unknown as SandboxArtifact;
      const targets = filesToFix(failuresOf(artifact), files.map((f) => ({ ...f, language: "typescript" })), app.wireframe);
      last = `targets ${targets.join(", ") || "none"}; ${v.checks.filter((c) => !c.passed).map((c) => `${c.check}: ${c.failures[0]?.message}`).join("; ")}`;
      files = files.map((f) => (targets.includes(f.path) ? { ...f, content: intended.get(f.path) ?? f.content } : f));
    }
    const stat = byClass.get(app.fault.kind) ?? { total: 0, repaired: 0, attempts: [] };
    stat.total++;
    if (repairedAt) {
      stat.repaired++;
      stat.attempts.push(repairedAt);
    } else unrepaired.push(`${app.idea} (${app.fault.kind} in ${app.fault.file}): ${last}`);
    byClass.set(app.fault.kind, stat);
  }
  const total = [...byClass.values()].reduce((n, s) => n + s.total, 0);
  const repaired = [...byClass.values()].reduce((n, s) => n + s.repaired, 0);
  console.log(`Fix loop on ${total} faulty apps, scripted repairing model, up to ${MAX_ATTEMPTS} attempts\n`);
  console.log(table(["fault", "apps", "repaired", "attempts (mean)"], [...byClass].map(([kind, s]) => [
    kind, String(s.total), `${s.repaired}/${s.total}`, s.attempts.length ? (s.attempts.reduce((a, b) => a + b, 0) / s.attempts.length).toFixed(1) : "–",
  ])));
  console.log(`\nrepaired within ${MAX_ATTEMPTS} attempts: ${repaired}/${total} (${Math.round((100 * repaired) / total)}%)`);
  console.log(`sandbox attempt: p50 ${ms(percentile(attemptMs, 50))}, p95 ${ms(percentile(attemptMs, 95))} (${attemptMs.length} runs)`);
  for (const line of unrepaired) console.log(`  not repaired: ${line}`);
} finally {
  await sandbox.close();
}
