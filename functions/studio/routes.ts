/** @module The studio endpoints: place and cancel orders (the caller's), store a provider's key and run retention (service role). */
import { z } from "zod";
import { encryptSecret } from "../../shared/studio/secrets.ts";
import { callerOf, isServiceCall, serviceClient, type FunctionContext, type FunctionEnv } from "../_shared/context.ts";
import { json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { cleanup } from "./cleanup.ts";
import { placeOrder } from "./place-order.ts";
import { AppError, dbError } from "../../shared/errors.ts";

const KeyRequest = z.strictObject({ api_key: z.string().min(1).max(4096) });

async function cancelOrder(request: Request, orderId: string, env: FunctionEnv): Promise<Response> {
  const caller = await callerOf(env, request);
  const { data: order, error: orderError } = await caller.db.from("orders").select("id, status").eq("id", orderId).maybeSingle();
  if (orderError) throw dbError(orderError, "reading the order");
  if (!order) throw new AppError("not_found", "No such order.");
  const { data: cancelled, error } = await serviceClient(env).rpc("cancel_studio_order", { p_order_id: orderId });
  if (error) throw dbError(error, `cancel_studio_order`);
  if (!cancelled) throw new AppError("order_finished", `The order is already ${order.status}.`);
  return json({ order_id: orderId, status: "cancelled" });
}

async function storeKey(request: Request, providerId: string, env: FunctionEnv): Promise<Response> {
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

function requireService(request: Request, env: FunctionEnv) {
  if (!isServiceCall(env, request)) throw new AppError("forbidden", "Service role only.");
}

/** Routes the POSTs under /studio. */
export async function routeStudio(request: Request, context: FunctionContext): Promise<Response> {
  const { env } = context;
  if (request.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
  const path = new URL(request.url).pathname.replace(/^.*?\/studio/, "/studio");
  if (matchRoute("/studio/orders", path)) return placeOrder(request, context);
  let params = matchRoute("/studio/orders/:id/cancel", path);
  if (params) return cancelOrder(request, params.id!, env);
  params = matchRoute("/studio/providers/:id/key", path);
  if (params) return requireService(request, env), storeKey(request, params.id!, env);
  if (matchRoute("/studio/cleanup", path)) return requireService(request, env), json(await cleanup(serviceClient(env)));
  throw new AppError("not_found", `No route ${path}.`);
}
