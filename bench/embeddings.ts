/**
 * @module `npx tsx bench/embeddings.ts`: pattern retrieval accuracy before and after a model change,
 * through the worker's real retrieval (`pipelineDeps`: embed, then `match_patterns`) on one local stack.
 * Before: the seeded library and the queries with the offline hashing embedder. Then the library is
 * re-embedded through `POST /worker/reembed` with a fake embedding model whose vectors cluster by topic
 * (tests/shared/fake-embeddings.ts), and the same queries run with it. The queries are ideas phrased
 * without the library's own words, each with the pattern that should come first.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipelineDeps } from "../shared/pipeline/supabase-deps.ts";
import { createOfflineAgentModel } from "../shared/offline/model.ts";
import { functionsHost } from "../local/functions/index.ts";
import { defaultPlugins, startStack } from "../local/server.ts";
import { startFakeEmbeddings, TOPIC_QUERIES } from "../tests/shared/fake-embeddings.ts";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import { table } from "./stats.ts";

const fake = await startFakeEmbeddings();
const modelEnv = { CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: `${fake.url}/v1`, CODEFORGE_LLM_MAX_RETRIES: "0" };
const dataDir = await mkdtemp(join(tmpdir(), "codeforge-bench-embeddings-"));
const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: true }, [
  ...defaultPlugins.filter((p) => p.name !== "functions"),
  functionsHost({ env: modelEnv }),
]);
const keys = { SUPABASE_URL: stack.apiUrl, SUPABASE_ANON_KEY: stack.keys.anonKey, SUPABASE_SERVICE_ROLE_KEY: stack.keys.serviceRoleKey };
const service = createClient(stack.apiUrl, stack.keys.serviceRoleKey, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: ws as unknown as typeof WebSocket },
});

/** Top-1 and top-3 accuracy and mean reciprocal rank (over the top 10) of the queries through the worker's retrieval. */
async function accuracy(env: Record<string, string>): Promise<{ model: string; top1: number; top3: number; mrr: number }> {
  const deps = pipelineDeps({ ...env, ...keys }, service, createOfflineAgentModel());
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  for (const { query, pattern } of TOPIC_QUERIES) {
    const [vector] = await deps.embed([query]);
    const rank = (await deps.retrievePatterns(vector!, null, 10)).findIndex((p) => p.metadata.name === pattern);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  const { data } = await service.from("pattern_embeddings").select("embedding_model").limit(1).single();
  return { model: data!.embedding_model, top1: top1 / TOPIC_QUERIES.length, top3: top3 / TOPIC_QUERIES.length, mrr: mrr / TOPIC_QUERIES.length };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
try {
  const before = await accuracy({});
  const started = performance.now();
  for (let finished = false; !finished;) {
    const response = await fetch(`${stack.apiUrl}/functions/v1/worker/reembed`, {
      method: "POST",
      headers: { apikey: stack.keys.serviceRoleKey, authorization: `Bearer ${stack.keys.serviceRoleKey}`, "content-type": "application/json" },
      body: JSON.stringify({ batch_size: 16 }),
    });
    if (!response.ok) throw new Error(`reembed: ${response.status} ${await response.text()}`);
    finished = (await response.json()).finished;
  }
  const reembedSeconds = (performance.now() - started) / 1000;
  const after = await accuracy(modelEnv);
  console.log(`\n### Pattern retrieval before and after a model change (${TOPIC_QUERIES.length} paraphrased ideas, worker retrieval on one local stack)\n`);
  console.log(table(["embedder", "stored vectors", "top-1", "top-3", "MRR@10"], [
    ["offline hashing (before)", before.model, pct(before.top1), pct(before.top3), before.mrr.toFixed(3)],
    ["fake clustered model (after reembed)", after.model, pct(after.top1), pct(after.top3), after.mrr.toFixed(3)],
  ]));
  console.log(`\nRe-embedding the library through POST /worker/reembed (16 per batch) took ${reembedSeconds.toFixed(1)} s. The fake model's vectors cluster by a fixed topic vocabulary, so "after" measures the path, not a real model.`);
} finally {
  await stack.close();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
