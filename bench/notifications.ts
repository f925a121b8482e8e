/** @module `npx tsx bench/notifications.ts`: notification delivery latency, from the commit that causes it (an AI comment) to the owner's Realtime callback. */
import { startTestStack } from "../tests/local/stack.ts";
import { ms, percentile, table } from "./stats.ts";

const RUNS = Number(process.env.RUNS ?? 50);
const now = () => performance.timeOrigin + performance.now();

const stack = await startTestStack();
const owner = await stack.signUp();
const service = stack.service();
const { data: project } = await owner.client.from("projects").insert({ user_id: owner.userId, title: "Bench", mode: "builder" }).select("id").single().throwOnError();
const { data: thread } = await owner.client.from("comment_threads").insert({ project_id: project!.id, file_path: "src/App.tsx", line_start: 1, line_end: 2 }).select("id").single().throwOnError();

const arrivals = new Map<string, number>();
await owner.client.realtime.setAuth(owner.accessToken);
await new Promise<void>((resolve) =>
  owner.client
    .channel("bench-notifications")
    .on("postgres_changes", { event: "INSERT", schema: "public", table: "notifications", filter: `user_id=eq.${owner.userId}` }, (change) => {
      arrivals.set((change.new as { payload: { excerpt: string } }).payload.excerpt, now());
    })
    .subscribe((status) => status === "SUBSCRIBED" && resolve()),
);
await new Promise((resolve) => setTimeout(resolve, 500));

const fromRequest: number[] = [];
const fromCommit: number[] = [];
for (let i = 0; i < RUNS + 5; i++) {
  const tag = `bench ${i}`;
  const sent = now();
  await service.from("comments").insert({ thread_id: thread!.id, author_type: "AI", body: tag }).throwOnError();
  const committed = now();
  while (!arrivals.has(tag)) await new Promise((resolve) => setTimeout(resolve, 1));
  if (i < 5) continue; // warm-up
  fromRequest.push(arrivals.get(tag)! - sent);
  fromCommit.push(arrivals.get(tag)! - committed);
}
await owner.client.removeAllChannels();
await stack.close();

const row = (name: string, list: number[]) => [name, list.length, ms(percentile(list, 50)), ms(percentile(list, 95)), ms(Math.max(...list))];
console.log(`\n### Notification delivery (AI comment → trigger → notifications row → owner's Realtime callback, Node ${process.version})\n`);
console.log(table(["measure", "runs", "p50", "p95", "max"], [
  row("insert request sent → callback", fromRequest),
  row("insert answered (committed) → callback", fromCommit),
]));
process.exit(0);
