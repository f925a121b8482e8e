/** @module Safe identifiers for generated code, and small code-writing helpers. */
import type { EntityModel } from "./app-model.ts";

const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof " +
    "new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await").split(" "),
);

/** `name` if it is a usable identifier, else `name` + `suffix`. */
export const safe = (name: string, suffix = "Item") => (RESERVED.has(name) ? `${name}${suffix}` : name);

/** The prop / variable name for one record of `entity`: `client`, `classItem`. */
export const recordVar = (entity: EntityModel) => safe(entity.type[0]!.toLowerCase() + entity.type.slice(1));

/** A JS string literal (JSON is valid JS). */
export const str = (text: string) => JSON.stringify(text);

/** A JSX text expression that is safe whatever `text` holds. */
export const jsxText = (text: string) => `{${JSON.stringify(text)}}`;

/** The first text field of `entity`: what names a record (`name`, `title`, `related`). */
export const titleField = (entity: EntityModel) => entity.fields.find((f) => f.kind === "text") ?? entity.fields[0]!;

/** `/clients/:id` → a template literal building the path of `row`. */
export function detailHref(path: string, rowVar: string): string {
  return `\`${path.split("/").map((segment) => (segment.startsWith(":") ? `\${${rowVar}.id}` : segment)).join("/")}\``;
}

/** Sorted import lines from `{ module: [names] }` (type-only names prefixed with `type `). */
export function importLines(imports: Map<string, Set<string>>): string {
  return [...imports.entries()]
    .filter(([, names]) => names.size > 0)
    .map(([from, names]) => {
      const list = [...names].sort((a, b) => a.replace(/^type /, "").localeCompare(b.replace(/^type /, "")));
      const allTypes = list.every((n) => n.startsWith("type "));
      return allTypes ? `import type { ${list.map((n) => n.slice(5)).join(", ")} } from ${str(from)};` : `import { ${list.join(", ")} } from ${str(from)};`;
    })
    .join("\n");
}

/** An import collector: `use("react", "useState")`. */
export function imports() {
  const map = new Map<string, Set<string>>();
  return {
    use(from: string, ...names: string[]) {
      if (!map.has(from)) map.set(from, new Set());
      for (const name of names) map.get(from)!.add(name);
    },
    render: () => importLines(map),
  };
}
