/** @module A small path router for /storage/v1: `:bucket` is one segment, `*` the rest (the object key), both percent-decoded. */
import type { LocalDatabase } from "../db/index.ts";
import type { ProjectKeys } from "../keys.ts";
import { decodePathPart } from "./object-keys.ts";
import type { FileStore } from "./file-store.ts";

export interface StorageContext {
  db: LocalDatabase;
  keys: ProjectKeys;
  files: FileStore;
}

export interface RouteInput {
  request: Request;
  url: URL;
  /** The bucket from `:bucket` ("" when the route has none). */
  bucket: string;
  /** The object key from `*` ("" when the route has none). */
  key: string;
  ctx: StorageContext;
}

export type Handler = (input: RouteInput) => Promise<Response>;

export interface Route {
  method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  /** e.g. "/object/sign/:bucket/*"; literal segments win over `:bucket` by order in the table. */
  pattern: string;
  handler: Handler;
}

/** Matches `path` (still percent-encoded, relative to /storage/v1) against `pattern`. */
export function matchRoute(pattern: string, path: string): { bucket: string; key: string } | null {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").slice(1);
  let bucket = "";
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i]!;
    if (part === "*") {
      const rest = have.slice(i).join("/");
      if (rest === "") return null;
      return { bucket, key: decodePathPart(rest, "key") };
    }
    const segment = have[i];
    if (segment === undefined || segment === "") return null;
    if (part === ":bucket") bucket = decodePathPart(segment, "bucket");
    else if (part !== segment) return null;
  }
  const extra = have.slice(want.length).filter(Boolean);
  return extra.length === 0 ? { bucket, key: "" } : null;
}

/** The first route whose method and pattern match. HEAD falls back to the GET route when no HEAD route matches. */
export function findRoute(routes: Route[], method: string, path: string) {
  for (const wanted of method === "HEAD" ? ["HEAD", "GET"] : [method]) {
    for (const route of routes) {
      if (route.method !== wanted) continue;
      const match = matchRoute(route.pattern, path);
      if (match) return { route, ...match };
    }
  }
  return null;
}
