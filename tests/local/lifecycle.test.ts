import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";

const root = fileURLToPath(new URL("../..", import.meta.url));
let dataDir: string;
const port = 54500 + Math.floor(Math.random() * 400);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "codeforge-lifecycle-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `npm start`'s entry point and resolves with its printed KEY=value lines once ready. */
function start(): Promise<{ child: ChildProcess; env: Record<string, string> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts"], {
    cwd: root,
    env: { ...process.env, CODEFORGE_DATA_DIR: dataDir, CODEFORGE_PORT: String(port), CODEFORGE_DB_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${output}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      if (!/SANDBOX_RUNNER=.*\n/.test(output)) return;
      clearTimeout(timer);
      const env = Object.fromEntries(output.split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split(/=(.*)/s).slice(0, 2)));
      resolve({ child, env });
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGINT");
  });
}

describe("npm start", () => {
  it("prints the keys, keeps data across a Ctrl-C and a restart, and reuses its keys", async () => {
    const first = await start();
    expect(first.env).toMatchObject({ API_URL: `http://127.0.0.1:${port}`, DB_PATH: join(dataDir, "db") });
    expect(first.env.ANON_KEY).toMatch(/^eyJ/);
    expect(first.env.SERVICE_ROLE_KEY).toMatch(/^eyJ/);
    expect(first.env.SANDBOX_RUNNER).toMatch(/^sandbox-/);
    expect((await stat(join(dataDir, "keys.json"))).mode & 0o777).toBe(0o600);

    const client = createClient(first.env.API_URL!, first.env.ANON_KEY!, {
      auth: { persistSession: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { data } = await client.auth.signUp({ email: "kept@example.test", password: "correct-horse-battery" });
    await client.from("projects").insert({ user_id: data.user!.id, title: "Survives restarts", mode: "builder" }).throwOnError();
    expect(await stop(first.child)).toBe(0);

    const second = await start();
    expect(second.env.ANON_KEY).toBe(first.env.ANON_KEY);
    const again = createClient(second.env.API_URL!, second.env.ANON_KEY!, {
      auth: { persistSession: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    await again.auth.signInWithPassword({ email: "kept@example.test", password: "correct-horse-battery" });
    const { data: projects } = await again.from("projects").select("title");
    expect(projects).toEqual([{ title: "Survives restarts" }]);
    expect(await stop(second.child)).toBe(0);
    // Two cold starts of the whole stack (migrations, web build check, Deno) on a shared machine.
  }, 90_000);
});
