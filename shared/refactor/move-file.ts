/** @module A deterministic move: rename a file and rewrite every import of it, and its own relative imports, across the project. */
import { AppError } from "../errors.ts";
import type { Change, VersionedFile } from "./edits.ts";
import { hasExtension, parseScript, relativeSpecifier, replaceSites, resolveSpecifier, specifierSites } from "./imports.ts";

/**
 * The changes that move `from` to `to`: the file deleted and created at its new
 * path (its relative imports re-spelled from there), every file importing it
 * re-pointed, and `index.html`'s `/from` script src too.
 * @example moveFile(files, "src/WalkList.tsx", "src/components/WalkList.tsx")
 */
export function moveFile(files: VersionedFile[], from: string, to: string): Change[] {
  const moved = files.find((file) => file.path === from);
  if (!moved) throw new AppError("invalid_request", `There is no file ${from} in the project.`);
  if (files.some((file) => file.path === to)) throw new AppError("invalid_request", `${to} already exists; choose another path.`);
  const paths = new Set(files.map((file) => file.path));
  const changes: Change[] = [];

  for (const file of files) {
    if (file.path === from) continue;
    if (/\.html?$/.test(file.path)) {
      const count = file.content.split(`"/${from}"`).length - 1;
      if (count) changes.push({ action: "modify", path: file.path, content: file.content.replaceAll(`"/${from}"`, `"/${to}"`), occurrences: count });
      continue;
    }
    const source = parseScript(file.path, file.content);
    if (!source) continue;
    const replacements = specifierSites(source)
      .filter((site) => resolveSpecifier(file.path, site.text, paths) === from)
      .map((site) => ({ site, text: relativeSpecifier(file.path, to, hasExtension(site.text)) }));
    if (replacements.length) changes.push({ action: "modify", path: file.path, content: replaceSites(file.content, replacements), occurrences: replacements.length });
  }

  const source = parseScript(from, moved.content);
  const own = source
    ? specifierSites(source).flatMap((site) => {
        const target = resolveSpecifier(from, site.text, paths);
        return target && target !== from ? [{ site, text: relativeSpecifier(to, target, hasExtension(site.text)) }] : [];
      })
    : [];
  const rewritten = own.filter((r) => r.text !== r.site.text);
  changes.push({ action: "delete", path: from });
  changes.push({ action: "create", path: to, content: replaceSites(moved.content, rewritten), occurrences: rewritten.length });
  return changes;
}
