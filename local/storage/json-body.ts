/** @module Reading and checking the JSON bodies and query parameters of Storage routes: bad input is a 400, never a 500. */
import { errors } from "./errors.ts";

const MAX_JSON_BODY = 1024 * 1024;

/** The request's JSON object body; an empty body is `{}` (storage-js sends `{}` or nothing on DELETE). */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > MAX_JSON_BODY) throw errors.invalidRequest("The JSON body is too large");
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw errors.invalidRequest("Body is not valid JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw errors.invalidRequest("Body must be a JSON object");
  return value as Record<string, unknown>;
}

/** A required string field. */
export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === "") throw errors.missingParameter(name);
  if (typeof value !== "string") throw errors.invalidParameter(name, `body/${name} must be string`);
  return value;
}

/** An optional string field (undefined when absent or null). */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw errors.invalidParameter(name, `body/${name} must be string`);
  return value;
}

/** An optional boolean field. */
export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw errors.invalidParameter(name, `body/${name} must be boolean`);
  return value;
}

/** An optional integer ≥ `min`, from a JSON number or a query-string numeral. */
export function optionalInteger(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < min) {
    throw errors.invalidParameter(name, `${name} must be an integer >= ${min}`);
  }
  return number;
}

/** One of a fixed set of values, or the fallback when absent. */
export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null || value === "") return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw errors.invalidParameter(name, `${name} must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}
