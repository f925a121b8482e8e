/** @module `npx tsx bench/studio.ts`: Studio items per second with the offline provider (POST to fulfilled), full-text search latency over 10,000 products, and thumbnail generation time. */
import { renderOffline } from "../shared/studio/render-offline.ts";
import { thumbnailsOf } from "../shared/studio/thumbnails.ts";
import { startTestStack } from "../tests/local/stack.ts";
import { ms, percentile, table, timeEach } from "./stats.ts";

const ITEMS = Number(process.env.ITEMS ?? 48);
const PRODUCTS = Number(process.env.PRODUCTS ?? 10_000);
const WORDS = ["copper", "kettle", "neon", "forest", "harbor", "violet", "granite", "lantern", "meadow", "orbit", "saffron", "tundra", "velvet", "willow", "zephyr", "amber"];

const stack = await startTestStack();
try {
  const { client, userId, accessToken } = await stack.signUp();
  const { data: project } = await client.from("projects").insert({ user_id: userId, title: "Bench", mode: "builder" }).select("id").single().throwOnError();
  const service = stack.service();

  // 1. Items per second: one order of ITEMS offline items, 256 × 256, from POST to fulfilled.
  const started = performance.now();
  const response = await fetch(`${stack.apiUrl}/functions/v1/studio/orders`, {
    method: "POST",
    headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ project_id: project!.id, provider: "offline", model: "pattern-v1", parameters: { prompt: Array.from({ length: ITEMS }, (_, i) => `bench item ${i}`), width: 256, height: 256 } }),
  });
  const { order_id } = await response.json();
  let order: { status: string; completed_count: number } | null = null;
  while (!order || order.status === "pending" || order.status === "processing") {
    await new Promise((resolve) => setTimeout(resolve, 100));
    order = (await service.from("orders").select("status, completed_count").eq("id", order_id).single()).data;
  }
  const seconds = (performance.now() - started) / 1000;

  // 2. Full-text search over PRODUCTS products of the user (RLS applies), by the user's client.
  for (let i = 0; i < PRODUCTS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, PRODUCTS - i) }, (_, j) => {
      const n = i + j;
      const prompt = `${WORDS[n % 16]} ${WORDS[(n * 7) % 16]} ${WORDS[(n * 13 + 3) % 16]} number ${n}`;
      return { project_id: project!.id, type: "image", file_path: `${userId}/${project!.id}/bench-${n}.png`, metadata: { parameters: { prompt } } };
    });
    await service.from("products").insert(rows).throwOnError();
  }
  const queries = ["kettle", "copper kettle", "neon -violet", "\"granite lantern\"", "zephyr"];
  let q = 0;
  let hits = 0;
  const search = await timeEach(100, async () => {
    const { data } = await client.from("products").select("id").eq("project_id", project!.id)
      .textSearch("search_vector", queries[q++ % queries.length]!, { type: "websearch", config: "english" }).limit(50).throwOnError();
    hits += data!.length;
  }, 10);

  // 3. Thumbnails (small, medium, large) of offline PNGs.
  const png512 = (await renderOffline({ prompt: "thumbnail bench", width: 512, height: 512 })).png;
  const png1024 = (await renderOffline({ prompt: "thumbnail bench", width: 1024, height: 1024 })).png;
  const thumbs512 = await timeEach(20, () => thumbnailsOf(png512), 3);
  const thumbs1024 = await timeEach(10, () => thumbnailsOf(png1024), 2);
  const render512 = await timeEach(20, () => renderOffline({ prompt: "render bench", seed: Math.random(), width: 512, height: 512 }), 3);

  console.log(`\n## Studio (offline provider, local stack)\n`);
  console.log(table(["measure", "value"], [
    [`order of ${ITEMS} items (256 px), POST → fulfilled`, `${seconds.toFixed(2)} s, ${(order!.completed_count / seconds).toFixed(1)} items/s (${order!.status})`],
    [`full-text search over ${PRODUCTS} products, p50`, ms(percentile(search, 50))],
    [`full-text search over ${PRODUCTS} products, p95`, ms(percentile(search, 95))],
    ["thumbnails s/m/l of a 512 px PNG, p50", ms(percentile(thumbs512, 50))],
    ["thumbnails s/m/l of a 1024 px PNG, p50", ms(percentile(thumbs1024, 50))],
    ["offline render of a 512 px PNG, p50", ms(percentile(render512, 50))],
  ]));
  if (hits === 0) throw new Error("the searches found nothing");
} finally {
  await stack.close();
}
