/** @module What the Studio tests share: a user with a project, placing orders, and waiting for them to finish. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction, type Caller } from "./api.ts";
import type { TestStack } from "./stack.ts";

export interface StudioUser extends Caller {
  userId: string;
  client: SupabaseClient;
  project: string;
  email: string;
}

export async function studioUser(stack: TestStack): Promise<StudioUser> {
  const { client, userId, accessToken, email } = await stack.signUp();
  const { data } = await client.from("projects").insert({ user_id: userId, title: "Assets", mode: "builder" }).select("id").single().throwOnError();
  return { apikey: stack.keys.anonKey, token: accessToken, userId, client, project: data!.id, email };
}

/** Another signed-in session (its own client and token) of the same user. */
export async function secondSession(stack: TestStack, user: StudioUser): Promise<SupabaseClient> {
  const client = stack.anon();
  const { error } = await client.auth.signInWithPassword({ email: user.email, password: "correct-horse-battery" });
  if (error) throw error;
  return client;
}

export async function placeOrder(stack: TestStack, user: StudioUser, body: Record<string, unknown>) {
  const response = await callFunction(stack, user, "POST", "/studio/orders", { project_id: user.project, provider: "offline", model: "pattern-v1", ...body });
  return { status: response.status, body: await response.json() };
}

const FINISHED = ["fulfilled", "failed", "cancelled"];

/** Polls the order (as the service role) until it leaves pending/processing. */
export async function finishedOrder(service: SupabaseClient, orderId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await service.from("orders").select("*").eq("id", orderId).single().throwOnError();
    if (FINISHED.includes(data!.status)) return data!;
    if (Date.now() > deadline) throw new Error(`order ${orderId} still ${data!.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
