/** @module The `web` surface: serves the built SPA (`web/dist`) at `/`, with the stack's URL and anon key injected into index.html. */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { openApiDocument } from "../../shared/protocol/openapi.ts";
import type { SurfacePlugin } from "../surface.ts";

export const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Where the other surfaces live: a miss under these is an API 404, never the SPA. */
const API_PREFIXES = ["/rest/", "/auth/", "/storage/", "/realtime/", "/functions/", "/graphql/", "/pg/"];
const CONFIG_MARKER = "<!-- codeforge:runtime-config -->";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".map": "application/json",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt", ".map"]);

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gzipped: Buffer | null;
}

/** The inline script giving the SPA its backend; `<` is escaped so no value can close the script. */
export function runtimeConfigScript(config: { supabaseUrl: string; supabaseAnonKey: string }): string {
  return `<script>window.__CODEFORGE_CONFIG__=${JSON.stringify(config).replace(/</g, "\\u003c")};</script>`;
}

const notFound = () => Response.json({ message: "no Route matched with those values" }, { status: 404 });

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>CodeForge</title>
<h1>The web app is not built</h1><p>Run <code>npm run build</code> (or restart <code>npm start</code>, which builds it when missing), then reload.</p>`;

/**
 * Serves `distDir` for every path no other surface claims (register it last):
 * hashed `/assets/*` cached for a year, other files for an hour, and any other
 * path answered with index.html (the SPA's client-side routes), never cached,
 * carrying the stack's URL and anon key. Gzip when the client accepts it.
 */
export function web(options: { distDir?: string } = {}): SurfacePlugin {
  const distDir = options.distDir ?? WEB_DIST;
  return {
    name: "web",
    async setup({ apiUrl, keys }) {
      const cache = new Map<string, CachedFile>();
      const script = runtimeConfigScript({ supabaseUrl: apiUrl, supabaseAnonKey: keys.anonKey });

      async function load(path: string, transform?: (text: string) => string): Promise<CachedFile | null> {
        const info = await stat(path).catch(() => null);
        if (!info?.isFile()) return null;
        const held = cache.get(path);
        if (held && held.mtimeMs === info.mtimeMs) return held;
        let body = await readFile(path);
        if (transform) body = Buffer.from(transform(body.toString("utf8")));
        const file = { mtimeMs: info.mtimeMs, body, gzipped: COMPRESSIBLE.has(extname(path)) && body.length > 1024 ? gzipSync(body) : null };
        cache.set(path, file);
        return file;
      }

      function respond(request: Request, file: CachedFile, type: string, cacheControl: string): Response {
        const gzip = file.gzipped && /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
        const body = gzip ? file.gzipped! : file.body;
        const headers: Record<string, string> = {
          "content-type": type,
          "content-length": String(body.length),
          "cache-control": cacheControl,
          "x-content-type-options": "nosniff",
          "referrer-policy": "strict-origin-when-cross-origin",
          vary: "accept-encoding",
        };
        if (gzip) headers["content-encoding"] = "gzip";
        return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
      }

      return {
        // "" matches every path: the gateway asks the surfaces in order, so this one answers only what the others do not.
        prefixes: [""],
        async fetch(request) {
          const raw = new URL(request.url).pathname;
          let path: string;
          try {
            path = decodeURIComponent(raw);
          } catch {
            path = raw;
          }
          if (API_PREFIXES.some((prefix) => path.startsWith(prefix)) || (request.method !== "GET" && request.method !== "HEAD")) return notFound();
          // The functions' API reference (docs/openapi.json), built from the schemas they validate with.
          if (path === "/openapi.json") return Response.json(openApiDocument(), { headers: { "access-control-allow-origin": "*" } });
          const file = normalize(join(distDir, path));
          if (file.startsWith(distDir + sep) && extname(path)) {
            const found = await load(file);
            if (found) {
              const immutable = path.startsWith("/assets/");
              return respond(request, found, TYPES[extname(path)] ?? "application/octet-stream", immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600");
            }
            // A missing asset is a 404, not the SPA: a stale chunk name must fail visibly.
            if (path.startsWith("/assets/")) return new Response("Not found", { status: 404 });
          }
          const index = await load(join(distDir, "index.html"), (html) => html.replace(CONFIG_MARKER, script));
          if (!index) return new Response(NOT_BUILT, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
          return respond(request, index, TYPES[".html"]!, "no-cache");
        },
      };
    },
  };
}
