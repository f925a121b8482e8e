/** @module functions/deno.json (what Supabase deploys with) agrees with package.json (what the local host and vitest load). */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));

it("maps every bare name to an exact npm: version that package.json pins too", () => {
  const { imports } = read("functions/deno.json") as { imports: Record<string, string> };
  const { dependencies, devDependencies } = read("package.json") as Record<string, Record<string, string>>;
  const pinned = { ...devDependencies, ...dependencies };
  expect(Object.keys(imports).length).toBeGreaterThan(0);
  for (const [name, specifier] of Object.entries(imports)) {
    const match = specifier.match(/^npm:(@?[^@]+)@(\d+\.\d+\.\d+[^/]*)(\/.*)?$/);
    expect(match, `${name} → ${specifier} is not an exact npm: specifier (JSR and deno.land are unreachable)`).not.toBeNull();
    const [, pkg, version] = match!;
    // Same version as package.json, so the local host runs it from node_modules, offline.
    expect(pinned[pkg!], `${pkg} in package.json`).toBe(version);
  }
});
