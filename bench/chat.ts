/**
 * @module `npx tsx bench/chat.ts`: the chat on the local stack with the offline
 * engine — time from pressing Send to the first streamed piece of the reply
 * shown in Chromium (and to the stored reply), measured in the page's own
 * clock; and fan-out with 50 clients in one thread: a message row reaching
 * every subscriber over postgres_changes, and a private broadcast (as the chat function sends it) reaching every one.
 */
import { randomUUID } from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { defaultPlugins } from "../local/server.ts";
import { ensureWebBuild } from "../local/web/build.ts";
import { launchBrowser } from "../tests/e2e/browser.ts";
import { signUpThroughUi } from "../tests/e2e/helpers.ts";
import { startTestStack } from "../tests/local/stack.ts";
import { ms, percentile, table } from "./stats.ts";

const ASKS = Number(process.env.ASKS ?? 10);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const MESSAGES = Number(process.env.MESSAGES ?? 20);
const WARMUP = 2;

type BenchWindow = Window & { __sent?: number; __first?: number | null; __stored?: number | null; __replies?: number };

await ensureWebBuild({ quiet: true });
const plugins = defaultPlugins.filter((plugin) => plugin.name !== "scheduler");
const [stack, browser] = await Promise.all([startTestStack(plugins), launchBrowser()]);
const errors: string[] = [];
const row = (label: string, values: number[]) => [label, ms(percentile(values, 50)), ms(percentile(values, 95)), ms(Math.max(...values)), String(values.length)];

try {
  // ---------------------------------------------------------------------------
  // 1. Send → first streamed piece in the DOM (and → the stored reply)
  // ---------------------------------------------------------------------------
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript("globalThis.__name = (fn) => fn;");
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  await signUpThroughUi(page, stack.apiUrl, `bench-chat-${randomUUID()}@example.test`);
  await page.getByRole("link", { name: "Chat" }).click();
  await page.getByRole("button", { name: "New chat" }).click();
  await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  await page.getByRole("status").filter({ hasText: "Live" }).first().waitFor({ timeout: 15_000 });
  const threadId = page.url().split("/").pop()!;

  await page.evaluate(() => {
    const w = window as BenchWindow;
    document.addEventListener("submit", () => {
      w.__sent = performance.now();
      w.__first = null;
      w.__stored = null;
    }, true);
    new MutationObserver(() => {
      if (w.__sent === undefined) return;
      if (w.__first == null && [...document.querySelectorAll("[data-streaming] .chat-message-body")].some((el) => (el.textContent ?? "").length > 0)) w.__first = performance.now();
      const replies = document.querySelectorAll('[data-role="assistant"]').length;
      if (w.__stored == null && replies > (w.__replies ?? 0)) {
        w.__stored = performance.now();
        w.__replies = replies;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const firstPiece: number[] = [];
  const storedReply: number[] = [];
  for (let i = 0; i < WARMUP + ASKS; i++) {
    await page.getByRole("textbox", { name: "Your message" }).fill(`What is question number ${i} about?`);
    await page.getByRole("button", { name: "Send" }).click();
    await page.waitForFunction(() => (window as BenchWindow).__stored != null && (window as BenchWindow).__first != null, undefined, { timeout: 20_000, polling: "raf" });
    const hit = await page.evaluate(() => {
      const w = window as BenchWindow;
      return { first: w.__first! - w.__sent!, stored: w.__stored! - w.__sent! };
    });
    if (i >= WARMUP) {
      firstPiece.push(hit.first);
      storedReply.push(hit.stored);
    }
  }
  console.log(`\n### Chat reply in Chromium, offline engine (${ASKS} questions after ${WARMUP} warm-up; the page's clock)\n`);
  console.log(table(["path", "p50", "p95", "max", "n"], [
    row("Send → first streamed piece on screen", firstPiece),
    row("Send → stored reply on screen (stream paced 20 ms a piece)", storedReply),
  ]));

  // ---------------------------------------------------------------------------
  // 2. Fan-out: 50 clients in one thread
  // ---------------------------------------------------------------------------
  const owner = await stack.signUp();
  const { data: thread } = await owner.client.from("chat_threads").insert({ title: "Fan-out" }).select("id").single().throwOnError();
  const fanThread = (thread as { id: string }).id;
  const clients: SupabaseClient[] = Array.from({ length: CLIENTS }, () =>
    createClient(stack.apiUrl, stack.keys.anonKey, {
      accessToken: async () => owner.accessToken,
      realtime: { transport: ws as unknown as typeof WebSocket },
    }),
  );
  const arrivals = new Map<string, number[]>();
  const note = (key: string) => arrivals.get(key)?.push(performance.now()) ?? arrivals.set(key, [performance.now()]);
  const channels = clients.map((client) =>
    client
      .channel(`chat:${fanThread}`, { config: { private: true } })
      .on("postgres_changes", { event: "INSERT", schema: "public", table: "chat_messages", filter: `thread_id=eq.${fanThread}` }, ({ new: row }) => note(`row:${(row as { content: string }).content}`))
      .on("broadcast", { event: "token" }, ({ payload }) => note(`piece:${(payload as { text: string }).text}`)),
  );
  // supabase-js resolves the token asynchronously: set it first so the joins carry it (RLS sees the owner).
  await Promise.all(clients.map((client) => client.realtime.setAuth()));
  await Promise.all(channels.map((channel) => new Promise<void>((resolve, reject) => {
    const system = () => resolve();
    channel.on("system", {}, system);
    channel.subscribe((status) => (status === "CHANNEL_ERROR" || status === "TIMED_OUT") && reject(new Error(`subscribe: ${status}`)));
  })));

  const waitFor = async (key: string, count: number) => {
    const deadline = Date.now() + 15_000;
    while ((arrivals.get(key)?.length ?? 0) < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    return arrivals.get(key) ?? [];
  };
  const rowLatencies: number[] = [];
  const rowLast: number[] = [];
  const pieceLatencies: number[] = [];
  const pieceLast: number[] = [];
  for (let i = 0; i < WARMUP + MESSAGES; i++) {
    const content = `fan-out ${i} ${randomUUID()}`;
    const t0 = performance.now();
    await owner.client.rpc("post_chat_message", { p_thread_id: fanThread, p_content: content }).throwOnError();
    const rows = await waitFor(`row:${content}`, CLIENTS);
    const text = `piece ${i} ${randomUUID()}`;
    const t1 = performance.now();
    // As the chat function streams a reply: a private broadcast through the REST endpoint, as the service role.
    await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { apikey: stack.keys.serviceRoleKey, authorization: `Bearer ${stack.keys.serviceRoleKey}`, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ topic: `chat:${fanThread}`, event: "token", payload: { reply_id: "bench", index: i, text }, private: true }] }),
    }).then((response) => response.body?.cancel());
    const pieces = await waitFor(`piece:${text}`, CLIENTS);
    if (i < WARMUP) continue;
    rowLatencies.push(...rows.map((t) => t - t0));
    rowLast.push(Math.max(...rows) - t0);
    pieceLatencies.push(...pieces.map((t) => t - t1));
    pieceLast.push(Math.max(...pieces) - t1);
    if (rows.length < CLIENTS || pieces.length < CLIENTS) console.log(`message ${i}: ${rows.length}/${CLIENTS} rows, ${pieces.length}/${CLIENTS} pieces arrived`);
  }
  console.log(`\n### Fan-out in one thread, ${CLIENTS} supabase-js clients (${MESSAGES} messages after ${WARMUP} warm-up; Node's clock)\n`);
  console.log(table(["path", "p50", "p95", "max", "n"], [
    row("post_chat_message RPC → INSERT at each client (postgres_changes, RLS checked)", rowLatencies),
    row("  … → the last of the clients", rowLast),
    row(`private broadcast from the service role (REST, as the chat function streams) → each of the ${CLIENTS}`, pieceLatencies),
    row("  … → the last of them", pieceLast),
  ]));
  await Promise.all(clients.map((client) => client.removeAllChannels()));
  if (errors.length) console.log(`\nPage errors: ${errors.join("; ")}`);
} finally {
  await browser.close();
  await stack.close();
}
