/**
 * @module Edge Function `studio` (seed 004): place an order (`POST /studio/orders`),
 * cancel one (`POST /studio/orders/:id/cancel`); internal, service role only:
 * store a provider's API key encrypted (`POST /studio/providers/:id/key`) and
 * run retention (`POST /studio/cleanup`, on a schedule).
 */
import { z } from "zod";
import { encryptSecret } from "../../shared/studio/secrets.ts";
import { callerOf, isServiceCall, serviceClient, type FunctionEnv } from "../_shared/context.ts";
import { handler, json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { cleanup } from "./cleanup.ts";
import { placeOrder } from "./place-order.ts";
import { AppError, dbError } from "../../shared/errors.ts";

const env = Deno.env.toObject() as FunctionEnv;
const KeyRequest = z.strictObject({ api_key: z.string().min(1).max(4096) });

async function cancelOrder(request: Request, orderId: string): Promise<Response> {
  const caller = await callerOf(env, request);
  const { data: order, error: orderError } = await caller.db.from("orders").select("id, status").eq("id", orderId).maybeSingle();
  if (orderError) throw dbError(orderError, "reading the order");
  if (!order) throw new AppError("not_found", "No such order.");
  const { data: cancelled, error } = await serviceClient(env).rpc("cancel_studio_order", { p_order_id: orderId });
  if (error) throw dbError(error, `cancel_studio_order`);
  if (!cancelled) throw new AppError("order_finished", `The order is already ${order.status}.`);
  return json({ order_id: orderId, status: "cancelled" });
}

async function storeKey(request: Request, providerId: string): Promise<Response> {
  const { api_key } = parse(KeyRequest, await readJson(request));
  const service = serviceClient(env);
  const { data: provider, error: providerError } = await service.from("providers").select("id").eq("id", providerId).maybeSingle();
  if (providerError) throw dbError(providerError, "reading the provider");
  if (!provider) throw new AppError("not_found", `No provider ${providerId}.`);
  const { error } = await service.from("provider_secrets")
    .upsert({ provider_id: providerId, api_key_encrypted: await encryptSecret(env, api_key) });
  if (error) throw dbError(error, `storing the key`);
  return json({ provider: providerId, key_stored: true });
}

function requireService(request: Request) {
  if (!isServiceCall(env, request)) throw new AppError("forbidden", "Service role only.");
}

Deno.serve(handler(async (request) => {
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const path = new URL(request.url).pathname.replace(/^.*?\/studio/, "/studio");
  if (matchRoute("/studio/orders", path)) return placeOrder(request, env, (promise) => EdgeRuntime.waitUntil(promise));
  let params = matchRoute("/studio/orders/:id/cancel", path);
  if (params) return cancelOrder(request, params.id!);
  params = matchRoute("/studio/providers/:id/key", path);
  if (params) return requireService(request), storeKey(request, params.id!);
  if (matchRoute("/studio/cleanup", path)) return requireService(request), json(await cleanup(serviceClient(env)));
  throw new AppError("not_found", `No route ${path}.`);
}));
