/** @module Starts a throw-away local stack for a test file and makes supabase-js clients for it. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { functionsHost } from "../../local/functions/index.ts";
import { defaultPlugins, startStack, type LocalStack } from "../../local/server.ts";
import type { StackConfig } from "../../local/config.ts";
import type { SurfacePlugin } from "../../local/surface.ts";

export interface TestStack extends LocalStack {
  /** A client with the anon key and no session. */
  anon(): SupabaseClient;
  /** A client with the service-role key. */
  service(): SupabaseClient;
  /** Signs a new user up: a client holding their session, usable as a `Caller` of the functions (anon key and the user's token). */
  signUp(email?: string): Promise<{ client: SupabaseClient; userId: string; email: string; accessToken: string; apikey: string; token: string }>;
}

function client(url: string, key: string): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket.
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

/**
 * An in-memory database on a free port; files (keys, storage) go to a temp directory removed on close.
 * The Postgres wire port is served only when asked (`{ dbPort: 0 }`: a free port, `stack.dbUrl`).
 */
export async function startTestStack(
  plugins: SurfacePlugin[] = defaultPlugins,
  options: Pick<StackConfig, "dbPort" | "applyMigrations"> = {},
): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), "codeforge-stack-"));
  const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: true, ...options }, plugins);
  return {
    ...stack,
    anon: () => client(stack.apiUrl, stack.keys.anonKey),
    service: () => client(stack.apiUrl, stack.keys.serviceRoleKey),
    async signUp(email = `${randomUUID()}@example.test`) {
      const user = client(stack.apiUrl, stack.keys.anonKey);
      const { data, error } = await user.auth.signUp({ email, password: "correct-horse-battery" });
      if (error || !data.session || !data.user) throw error ?? new Error("sign-up returned no session");
      return { client: user, userId: data.user.id, email, accessToken: data.session.access_token, apikey: stack.keys.anonKey, token: data.session.access_token };
    },
    async close() {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A user `TestStack.signUp` made: a supabase-js client holding their session, and a `Caller` of the functions. */
export type SignedUpUser = Awaited<ReturnType<TestStack["signUp"]>>;

/** What most function tests start from: a stack, its service-role client, alice (who owns what a test makes) and bob (a stranger to it). */
export interface StackWithUsers {
  stack: TestStack;
  service: SupabaseClient;
  alice: SignedUpUser;
  bob: SignedUpUser;
}

/** Starts a test stack and signs alice and bob up; the stack is closed again if a sign-up fails. */
export async function startStackWithUsers(plugins: SurfacePlugin[] = defaultPlugins): Promise<StackWithUsers> {
  const stack = await startTestStack(plugins);
  try {
    const [alice, bob] = await Promise.all([stack.signUp(), stack.signUp()]);
    return { stack, service: stack.service(), alice, bob };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

export interface ProjectSeed {
  title: string;
  mode?: "builder" | "student";
  files?: { path: string; content: string; language: string }[];
}

/** Creates a project (and its files) as `owner`, through RLS as the web app does; returns its id. */
export async function newProject(owner: SignedUpUser, { title, mode = "builder", files = [] }: ProjectSeed): Promise<string> {
  const { data } = await owner.client.from("projects").insert({ user_id: owner.userId, title, mode }).select("id").single().throwOnError();
  if (files.length) await owner.client.from("project_files").insert(files.map((file) => ({ ...file, project_id: data!.id }))).throwOnError();
  return data!.id;
}

/** `startStackWithUsers` and a project of alice's. */
export async function startStackWithProject(seed: ProjectSeed, plugins?: SurfacePlugin[]): Promise<StackWithUsers & { project: string }> {
  const users = await startStackWithUsers(plugins);
  try {
    return { ...users, project: await newProject(users.alice, seed) };
  } catch (error) {
    await users.stack.close();
    throw error;
  }
}

/** The default surfaces, with the repo's functions run with `env` added (a fake model's or GitHub's URL, limits). */
export function withFunctionsEnv(env: Record<string, string>): SurfacePlugin[] {
  return [...defaultPlugins.filter((plugin) => plugin.name !== "functions"), functionsHost({ env })];
}

/** For `afterAll`: closes, in order, whatever `beforeAll` got to open (stacks, browsers, fake servers, runners). */
export async function closeAll(...opened: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const each of opened) await each?.close();
}
