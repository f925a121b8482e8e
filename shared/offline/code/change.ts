/** @module The offline engine's edits: a follow-up instruction applied to one existing file by rules, deterministically. */
import { parseChange } from "../../agents/change-request.ts";

const escapeComment = (text: string) => text.replace(/\*\//g, "* /").replace(/\s+/g, " ").trim();

/**
 * `current` with `instruction` applied: a style becomes a CSS rule at the end
 * of a stylesheet (replacing the rule an identical instruction added before),
 * a rename replaces the app's name, and anything else is recorded in the
 * README's change requests, honestly, since rules cannot write it.
 * @example applyOfflineChange("make the header blue", "src/styles.css", css, "Recipe Box") // css + ".topbar { background: #2563eb; … }"
 */
export function applyOfflineChange(instruction: string, path: string, current: string, appName: string): string {
  const change = parseChange(instruction);
  if (change.kind === "style" && path.endsWith(".css")) {
    const marker = `/* change: ${escapeComment(instruction)} */`;
    const rule = `${marker}\n${change.selector} { ${Object.entries(change.declarations).map(([k, v]) => `${k}: ${v};`).join(" ")} }\n`;
    const at = current.indexOf(marker);
    if (at >= 0) {
      const end = current.indexOf("}\n", at);
      return current.slice(0, at) + rule + current.slice(end + 2);
    }
    return `${current.replace(/\n*$/, "\n")}\n${rule}`;
  }
  if (change.kind === "rename" && appName && current.includes(appName)) return current.split(appName).join(change.name);
  if (path === "README.md") {
    const heading = "## Change requests";
    const line = `- ${instruction.replace(/\s+/g, " ").trim()} (recorded by the offline engine; a model applies it to the code)`;
    return current.includes(heading) ? `${current.replace(/\n*$/, "\n")}${line}\n` : `${current.replace(/\n*$/, "\n")}\n${heading}\n\n${line}\n`;
  }
  return current;
}
