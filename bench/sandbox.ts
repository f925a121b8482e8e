/**
 * @module `npx tsx bench/sandbox.ts`: the sandbox on the fault corpus. Run time per app (type check,
 * bundle, tests, every route with a screenshot), detection rate on the faulty apps (the check the
 * fault targets must fail), false alarms on the clean apps. APPS=n uses the first n ideas (default 30).
 */
import { CORPUS_IDEAS, faultyApps } from "../sandbox/corpus/index.ts";
import { offlineApp, type OfflineApp } from "../shared/offline/app.ts";
import { verdict, type Verdict } from "../sandbox/checks.ts";
import { Sandbox, type SandboxReport } from "../sandbox/index.ts";
import type { AppFile } from "../sandbox/bundle.ts";
import { ms, percentile, table } from "./stats.ts";

const APPS = Math.min(Number(process.env.APPS ?? CORPUS_IDEAS.length), CORPUS_IDEAS.length);
const ideas = CORPUS_IDEAS.slice(0, APPS);
const sandbox = new Sandbox({ timeoutMs: 30_000 });

async function run(app: Omit<OfflineApp, "files"> & { files: AppFile[] }): Promise<{ report: SandboxReport; verdict: Verdict; ms: number }> {
  const started = performance.now();
  const report = await sandbox.run(app.files, { routes: app.routes });
  return { report, verdict: verdict(report, app.requirements), ms: performance.now() - started };
}

try {
  const times: number[] = [];
  const phases = { typecheck: [] as number[], bundle: [] as number[], tests: [] as number[], routes: [] as number[] };
  const falseAlarms: string[] = [];
  let testsRun = 0;
  let routesRun = 0;
  for (const idea of ideas) {
    const { report, verdict: v, ms: took } = await run(await offlineApp(idea));
    times.push(took);
    for (const key of Object.keys(phases) as (keyof typeof phases)[]) phases[key].push(report.ms[key]);
    testsRun += report.tests.length;
    routesRun += report.routes.length;
    if (!v.passed) falseAlarms.push(`${idea}: ${v.checks.filter((c) => !c.passed).map((c) => `${c.check}: ${c.failures[0]?.message}`).join("; ")}`);
  }

  const byClass = new Map<string, { total: number; caught: number; anyCheck: number }>();
  const missed: string[] = [];
  for (const app of await faultyApps(ideas)) {
    const { verdict: v, ms: took } = await run(app);
    times.push(took);
    const stat = byClass.get(app.fault.kind) ?? { total: 0, caught: 0, anyCheck: 0 };
    stat.total++;
    const caught = v.checks.some((c) => c.check === app.fault.expect && !c.passed);
    if (caught) stat.caught++;
    else missed.push(`${app.idea} (${app.fault.kind} in ${app.fault.file}): ${v.passed ? "green" : v.checks.filter((c) => !c.passed).map((c) => c.check).join(", ")}`);
    if (!v.passed) stat.anyCheck++;
    byClass.set(app.fault.kind, stat);
  }

  const caught = [...byClass.values()].reduce((n, s) => n + s.caught, 0);
  const faulty = [...byClass.values()].reduce((n, s) => n + s.total, 0);
  console.log(`\nSandbox on the fault corpus (${ideas.length} clean apps, ${faulty} with one injected fault; ${testsRun} tests and ${routesRun} routes in the clean apps)\n`);
  console.log(table(["", "p50", "p90", "max"], [
    ["run (whole)", ms(percentile(times, 50)), ms(percentile(times, 90)), ms(Math.max(...times))],
    ...Object.entries(phases).map(([name, list]) => [`  ${name}`, ms(percentile(list, 50)), ms(percentile(list, 90)), ms(Math.max(...list))]),
  ]));
  console.log("");
  console.log(table(["fault class", "apps", "caught by its check", "caught by any check"], [...byClass.entries()].map(([kind, s]) => [kind, String(s.total), String(s.caught), String(s.anyCheck)])));
  console.log(`\ndetection rate: ${((100 * caught) / Math.max(faulty, 1)).toFixed(1)}% (${caught}/${faulty}, target 100%)`);
  console.log(`false alarms on clean apps: ${falseAlarms.length}/${ideas.length} (target 0)`);
  for (const line of [...missed.map((m) => `missed: ${m}`), ...falseAlarms.map((f) => `false alarm: ${f}`)]) console.log(`  ${line}`);
  console.log(`sandbox run time p50 ${ms(percentile(times, 50))} (target < 10 s on 2 cores)`);
} finally {
  await sandbox.close();
}
