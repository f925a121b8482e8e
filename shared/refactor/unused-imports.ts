/** @module Drops the import bindings a file no longer reads after a move (the generated apps build with noUnusedLocals). */
import ts from "typescript";
import { parseScript } from "./imports.ts";

/** `content` without import bindings that nothing else in the file names; a declaration left with none goes (side-effect imports stay). */
export function dropUnusedImports(path: string, content: string): string {
  const source = parseScript(path, content);
  if (!source) return content;
  const counts = new Map<string, number>();
  const count = (node: ts.Node) => {
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    node.forEachChild(count);
  };
  count(source);
  const unused = (name: ts.Identifier) => (counts.get(name.text) ?? 0) <= 1;
  const cuts: { start: number; end: number; text: string }[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const clause = statement.importClause;
    const bindings = clause.namedBindings;
    const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
    const keepDefault = clause.name && !unused(clause.name) ? clause.name.text : undefined;
    const keepNamespace = bindings && ts.isNamespaceImport(bindings) && !unused(bindings.name) ? bindings.getText(source) : undefined;
    const keptNamed = named?.filter((element) => !unused(element.name)) ?? [];
    const removedAny = (clause.name && !keepDefault) || (bindings && ts.isNamespaceImport(bindings) && !keepNamespace) || keptNamed.length !== (named?.length ?? 0);
    if (!removedAny) continue;
    const parts = [keepDefault, keepNamespace, keptNamed.length ? `{ ${keptNamed.map((e) => e.getText(source)).join(", ")} }` : undefined].filter(Boolean);
    const from = statement.moduleSpecifier.getText(source);
    const start = statement.getStart(source);
    let end = statement.getEnd();
    if (!parts.length && content[end] === "\n") end++;
    cuts.push({ start, end, text: parts.length ? `import ${clause.isTypeOnly ? "type " : ""}${parts.join(", ")} from ${from};` : "" });
  }
  let out = content;
  for (const cut of cuts.reverse()) out = out.slice(0, cut.start) + cut.text + out.slice(cut.end);
  return out;
}
