/** @module Path arithmetic of a generated app's files (POSIX, relative to the app root), and which packages an import names. */

/** `./src//a/../b.ts` → `src/b.ts`; null when the path leaves the root or is empty. */
export function normalisePath(path: string): string | null {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.length ? out.join("/") : null;
}

/** The folder of `path` (`src/pages/A.tsx` → `src/pages`, `a.ts` → ``). */
export const dirname = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

/** Extensions a bundler tries for an extensionless import, in order. */
const TRY = [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".json"];

/**
 * The file a relative (`./x`, `../x`) or root (`/src/x`) import of `from` means,
 * as Vite resolves it: the path itself, with an extension, `.js` written for
 * `.ts`, or a folder's index. Null when no file of `exists` matches.
 */
export function resolveLocal(from: string, specifier: string, exists: (path: string) => boolean): string | null {
  const base = normalisePath(specifier.startsWith("/") ? specifier : `${dirname(from)}/${specifier}`);
  if (base === null) return null;
  const candidates = [base, ...TRY.map((ext) => base + ext)];
  const js = /\.(m?js|jsx)$/.exec(base);
  if (js) candidates.push(base.replace(/\.(m?js|jsx)$/, ".ts"), base.replace(/\.(m?js|jsx)$/, ".tsx"));
  candidates.push(...TRY.map((ext) => `${base}/index${ext}`));
  return candidates.find(exists) ?? null;
}

/** Whether `specifier` names a package (`react`, `@scope/pkg/sub`) rather than a file or URL. */
export const isBare = (specifier: string) => !/^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier) && specifier !== "." && specifier !== "..";

/** The package a bare import names: `@scope/pkg/x` → `@scope/pkg`, `react-dom/client` → `react-dom`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** 1-based line and column of offset `index` in `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: index - start + 1 };
}
