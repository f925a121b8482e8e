/** @module Functions as the app uses them: calling REST back as the caller and as the service role, streaming, background work, latency. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUntil, startFunctionsStack, within } from "./functions-harness.ts";
import type { TestStack } from "./stack.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await startFunctionsStack();
});
afterAll(() => stack?.close());

const url = (path: string) => `${stack.apiUrl}/functions/v1/${path}`;
const asAnon = () => ({ apikey: stack.keys.anonKey, authorization: `Bearer ${stack.keys.anonKey}` });

async function userWithProject(title: string) {
  const user = await stack.signUp();
  const { data, error } = await user.client.from("projects").insert({ user_id: user.userId, title, mode: "builder" }).select("id").single();
  if (error) throw error;
  return { ...user, projectId: data.id as string };
}

// First, while every function is still cold.
describe("latency", () => {
  it("starts a function on its first request in well under its boot timeout and serves warm requests fast", async () => {
    const { accessToken } = await stack.signUp();
    const headers = { apikey: stack.keys.anonKey, authorization: `Bearer ${accessToken}` };
    const timed = async (name: string) => {
      const started = performance.now();
      const response = await fetch(url(name), { headers });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      return performance.now() - started;
    };
    const coldEcho = await timed("public-hook");
    const coldSupabase = await timed("projects");
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push(await timed("public-hook"));
    warm.sort((a, b) => a - b);
    const median = warm[10]!;
    console.info(
      `[functions] cold first request: ${coldEcho.toFixed(0)} ms (no imports), ${coldSupabase.toFixed(0)} ms (supabase-js + 3 REST calls); ` +
        `warm median ${median.toFixed(1)} ms, max ${warm.at(-1)!.toFixed(1)} ms`,
    );
    expect(coldEcho).toBeLessThan(10_000);
    expect(median).toBeLessThan(250);
  });
});

describe("calling back into the stack", () => {
  it("sees only the caller's projects with the caller's JWT (RLS), and all of them with the service role", async () => {
    const alice = await userWithProject("Alice's app");
    const bob = await userWithProject("Bob's app");

    const { data, error } = await alice.client.functions.invoke("projects");
    expect(error).toBeNull();
    expect(data.userId).toBe(alice.userId);
    expect(data.mine).toEqual([alice.projectId]);
    expect(data.all).toEqual(expect.arrayContaining([alice.projectId, bob.projectId]));

    const asBob = await bob.client.functions.invoke("projects");
    expect(asBob.data.mine).toEqual([bob.projectId]);
  });

  it("finishes EdgeRuntime.waitUntil work after the response has been sent", async () => {
    const { client, projectId } = await userWithProject("Background app");
    const { data, error } = await client.functions.invoke("background", { body: { project_id: projectId, delay_ms: 400 } });
    expect(error).toBeNull();
    expect(data.status).toBe("queued");

    const read = () => client.from("agent_jobs").select("status, progress, result").eq("id", data.job_id).single();
    expect((await read()).data?.status).toBe("queued"); // answered before the work was done
    let job = (await read()).data;
    for (const deadline = Date.now() + 5000; job?.status !== "completed" && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await read()).data;
    }
    expect(job).toMatchObject({ status: "completed", progress: 100 });
    expect(job?.result.finished_at).toEqual(expect.any(String));
  });

  it("refuses, inside the function, a project the caller does not own", async () => {
    const alice = await userWithProject("Alice's secret");
    const mallory = await stack.signUp();
    const { error } = await mallory.client.functions.invoke("background", { body: { project_id: alice.projectId } });
    expect(error?.context?.status).toBe(404);
  });
});

describe("streaming", () => {
  it("streams server-sent events: the first event arrives while the function still holds the last one", async () => {
    const { client } = await stack.signUp();
    const id = crypto.randomUUID();
    const started = performance.now();
    const { data: response, error } = await within(
      client.functions.invoke(`sse?id=${id}`, { method: "GET" }),
      5000,
      "no response before the function's last write: the gateway buffers",
    );
    expect(error).toBeNull();
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = (response as Response).body!.getReader();

    const first = await within(readUntil(reader, "\n\n"), 5000, "no SSE event before the function's last write: the gateway buffers");
    const firstByteMs = performance.now() - started;
    expect(first).toMatch(/^event: first\n/);
    expect(first).not.toContain("event: last");

    const release = await fetch(url(`sse/release?id=${id}`), { method: "POST", headers: asAnon() });
    expect(await release.json()).toEqual({ released: id });
    const rest = await within(readUntil(reader, "event: last"), 5000, "the last event never came");
    expect(rest).toContain("event: last");
    expect((await reader.read()).done).toBe(true);
    console.info(`[functions] SSE first event after ${firstByteMs.toFixed(1)} ms`);
  });

  it("streams the request body in and the response out at the same time", async () => {
    let push!: (chunk: string) => void;
    let end!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => controller.enqueue(new TextEncoder().encode(chunk));
        end = () => controller.close();
      },
    });
    push("ping-1;");
    const response = await within(
      fetch(url("duplex"), { method: "POST", headers: asAnon(), body, duplex: "half" } as RequestInit),
      5000,
      "no response headers while the request body is still open",
    );
    const reader = response.body!.getReader();
    expect(await within(readUntil(reader, "PING-1;"), 5000, "first chunk not echoed while the upload is open")).toBe("PING-1;");
    push("ping-2;");
    expect(await within(readUntil(reader, "PING-2;"), 5000, "second chunk not echoed")).toBe("PING-2;");
    end();
    expect((await reader.read()).done).toBe(true);
  });

  it("passes a large request body through intact", async () => {
    const big = "x".repeat(3 * 1024 * 1024);
    const response = await fetch(url("echo"), { method: "POST", headers: asAnon(), body: big });
    expect(((await response.json()) as { body: string }).body.length).toBe(big.length);
  });
});
