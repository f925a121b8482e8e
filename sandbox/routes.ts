/** @module Route patterns of an app (its site map, or the `<Route path>`s of its source), matching a link against them as react-router does, and which paths to visit. */

/** `/clients/:id` matches `/clients/7`; `*` matches the rest; `/` only itself. */
export function matchesRoute(pattern: string, path: string): boolean {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split(/[?#]/)[0]!.split("/").filter(Boolean).map((segment) => safeDecode(segment));
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment === "*") return true;
    if (i >= have.length) return segment.endsWith("?");
    if (segment.startsWith(":")) continue;
    if (segment.toLowerCase() !== have[i]!.toLowerCase()) return false;
  }
  return have.length === want.length;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route paths the app declares in `<Route path="…">` (catch-alls excluded), for apps given without a site map. */
export function routesInSource(sources: string[]): string[] {
  const paths = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(/<Route\b(?:(?!<Route\b)[\s\S]){0,300}?\bpath=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g)) {
      const path = match[1] ?? match[2] ?? match[3] ?? "";
      if (path && path !== "*") paths.add(path.startsWith("/") ? path : `/${path}`);
    }
  }
  return [...paths];
}

/** Whether a route has parameters (a detail page), so it is visited through a link that fills them. */
export const hasParams = (pattern: string) => /(^|\/):/.test(pattern);

/** The path to visit for `pattern`: the first link seen that matches it, else every parameter set to "1". */
export function visitPath(pattern: string, linksSeen: Iterable<string>): string {
  if (!hasParams(pattern)) return pattern.replace(/\/\*$/, "") || "/";
  for (const link of linksSeen) if (matchesRoute(pattern, link)) return link;
  return pattern.replace(/:[^/]+/g, "1").replace(/\/\*$/, "");
}
