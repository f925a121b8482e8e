import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackContext, Surface } from "../surface.ts";
import { web } from "./index.ts";

let dir: string;
let surface: Surface;
const get = (path: string, headers: Record<string, string> = {}, method = "GET") => surface.fetch!(new Request(`http://127.0.0.1:54321${path}`, { method, headers }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "codeforge-web-"));
  await mkdir(join(dir, "assets"));
  await writeFile(join(dir, "index.html"), "<html><head><!-- codeforge:runtime-config --></head><body></body></html>");
  await writeFile(join(dir, "assets/app-abc123.js"), `console.log(${JSON.stringify("x".repeat(4000))});`);
  await writeFile(join(dir, "favicon.svg"), "<svg/>");
  await writeFile(join(tmpdir(), "secret.txt"), "outside");
  const context = { apiUrl: "http://127.0.0.1:54321", keys: { anonKey: "anon</script><script>alert(1)" } } as unknown as StackContext;
  surface = await web({ distDir: dir }).setup(context);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(join(tmpdir(), "secret.txt"), { force: true });
});

describe("the web surface", () => {
  it("answers the SPA's routes with index.html carrying the stack's URL and anon key, never cached", async () => {
    const response = await get("/projects/123/files/src/App.tsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const html = await response.text();
    expect(html).toContain('window.__CODEFORGE_CONFIG__={"supabaseUrl":"http://127.0.0.1:54321"');
    // A key cannot end the inline script early.
    expect(html).not.toContain("</script><script>alert(1)");
  });

  it("serves hashed assets for a year, gzipped when asked", async () => {
    const response = await get("/assets/app-abc123.js", { "accept-encoding": "gzip, br" });
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toContain("console.log");
    expect((await get("/favicon.svg")).headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("answers a missing asset with 404, not the app", async () => {
    expect((await get("/assets/gone-000.js")).status).toBe(404);
  });

  it("leaves API paths and other methods to the API's 404", async () => {
    for (const response of [await get("/rest/v2/projects"), await get("/functions/v2/x"), await get("/projects", {}, "POST")]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: "no Route matched with those values" });
    }
  });

  it("never serves files outside the build", async () => {
    const response = await get("/../secret.txt");
    expect(await response.text()).not.toContain("outside");
    expect(await (await get("/%2e%2e/secret.txt")).text()).not.toContain("outside");
  });

  it("says how to build the app when web/dist is missing", async () => {
    const empty = await web({ distDir: join(dir, "nope") }).setup({ apiUrl: "http://x", keys: { anonKey: "k" } } as unknown as StackContext);
    const response = await empty.fetch!(new Request("http://x/"));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("npm run build");
  });
});
