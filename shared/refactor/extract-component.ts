/** @module A deterministic move: extract a JSX element into its own component file, imported back, its local names passed as typed props. */
import ts from "typescript";
import { typedProgram } from "../agents/qa-checks/index.ts";
import { dirname, normalisePath } from "../agents/qa-checks/paths.ts";
import { AppError } from "../errors.ts";
import type { ExtractTarget } from "../protocol/index.ts";
import type { Change, VersionedFile } from "./edits.ts";
import { parseScript, relativeSpecifier } from "./imports.ts";
import { enclosingLocals, findTarget, referencedNames, topLevelNames, type JsxNode } from "./jsx-scope.ts";
import { dropUnusedImports } from "./unused-imports.ts";

export interface ExtractRequest {
  path: string;
  target: ExtractTarget;
  component_name: string;
  to_path?: string;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) => (ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : []).some((m) => m.kind === kind);

/**
 * The changes that move the element `request.target` of `request.path` into
 * `export function <component_name>` in `to_path`: the names it reads from the
 * enclosing function become props typed by the checker; what it reads from the
 * file's top level is imported (the file's own declarations are exported for it).
 * @example await extractComponent(files, { path: "src/pages/Clients.tsx", target: { tag: "form", occurrence: 1 }, component_name: "ClientForm" })
 */
export async function extractComponent(files: VersionedFile[], request: ExtractRequest): Promise<Change[]> {
  const file = files.find((f) => f.path === request.path);
  if (!file) throw new AppError("invalid_request", `There is no file ${request.path} in the project.`);
  const toPath = request.to_path ?? `${dirname(request.path) ? `${dirname(request.path)}/` : ""}${request.component_name}.tsx`;
  if (files.some((f) => f.path === toPath)) throw new AppError("invalid_request", `${toPath} already exists; choose another to_path.`);
  const source = parseScript(file.path, file.content)!;
  const node = findTarget(source, request.target);
  const top = topLevelNames(source);
  if (top.imports.has(request.component_name) || top.declarations.has(request.component_name)) {
    throw new AppError("invalid_request", `${request.path} already has a ${request.component_name}; choose another component_name.`);
  }

  const used = referencedNames(node);
  const locals = enclosingLocals(node);
  const props = [...used].filter(([name]) => locals.has(name));
  const types = await propTypes(files, file.path, props.map(([, id]) => id.getStart(source)));
  const needed = new Set([...used.keys()].filter((name) => !locals.has(name)));
  for (const type of types) for (const word of type.match(/[A-Za-z_$][\w$]*/g) ?? []) needed.add(word);

  const header: string[] = [];
  const exportFromOriginal = new Set<ts.Statement>();
  const fromOriginal: string[] = [];
  for (const declaration of new Set([...needed].flatMap((name) => (top.imports.has(name) ? [top.imports.get(name)!] : [])))) {
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    const target = specifier.startsWith(".") ? normalisePath(`${dirname(file.path)}/${specifier}`) : null;
    const spelled = target ? relativeSpecifier(toPath, target, true) : specifier;
    header.push(declaration.getText(source).replace(/(["'])[^"']*\1\s*;?\s*$/, `"${spelled}";`));
  }
  for (const name of needed) {
    const declaration = top.declarations.get(name);
    if (!declaration) continue;
    fromOriginal.push(name);
    if (!hasModifier(declaration, ts.SyntaxKind.ExportKeyword)) exportFromOriginal.add(declaration);
    else if (hasModifier(declaration, ts.SyntaxKind.DefaultKeyword)) throw new AppError("invalid_request", `The element uses ${name}, the default export of ${request.path}; extract it by instruction instead.`);
  }
  if (fromOriginal.length) header.push(`import { ${fromOriginal.join(", ")} } from "${relativeSpecifier(toPath, file.path, false)}";`);

  const { jsx, key } = withoutKey(node, source);
  const signature = props.length ? `{ ${props.map(([name]) => name).join(", ")} }: { ${props.map(([name], i) => `${name}: ${types[i]}`).join("; ")} }` : "";
  const body = reindent(jsx, source.getLineAndCharacterOfPosition(node.getStart(source)).character, "    ");
  const component = `${header.length ? `${header.join("\n")}\n\n` : ""}export function ${request.component_name}(${signature}) {\n  return (\n${body}\n  );\n}\n`;

  const call = `<${request.component_name}${key ? ` ${key}` : ""}${props.map(([name]) => ` ${name}={${name}}`).join("")} />`;
  let content = file.content.slice(0, node.getStart(source)) + call + file.content.slice(node.getEnd());
  for (const declaration of [...exportFromOriginal].sort((a, b) => b.getStart(source) - a.getStart(source))) {
    content = content.slice(0, declaration.getStart(source)) + "export " + content.slice(declaration.getStart(source));
  }
  const importLine = `import { ${request.component_name} } from "${relativeSpecifier(file.path, toPath, false)}";\n`;
  const lastImport = [...source.statements].reverse().find(ts.isImportDeclaration);
  content = lastImport ? insertAfterLine(content, lastImport.getEnd(), importLine) : importLine + content;
  return [
    { action: "modify", path: file.path, content: dropUnusedImports(file.path, content), occurrences: 1 },
    { action: "create", path: toPath, content: dropUnusedImports(toPath, component), occurrences: 1 },
  ];
}

/** The checker's type of each identifier at `positions` in `path`, as source text; `unknown` where it has none. */
async function propTypes(files: VersionedFile[], path: string, positions: number[]): Promise<string[]> {
  if (!positions.length) return [];
  const { ts: compiler, program, fileName } = await typedProgram(files);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(fileName(path))!;
  return positions.map((position) => {
    const node = findIdentifier(source, position);
    if (!node) return "unknown";
    const type = checker.getTypeAtLocation(node);
    const text = checker.typeToString(type, node, compiler.TypeFormatFlags.NoTruncation | compiler.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
    return text === "any" || text.includes("import(") ? "unknown" : text;
  });
}

function findIdentifier(source: ts.SourceFile, position: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    if (node.getStart(source) <= position && position < node.getEnd()) {
      if (ts.isIdentifier(node)) found = node;
      node.forEachChild(visit);
    }
  };
  visit(source);
  return found;
}

/** The element's text without a `key` attribute on its root (it moves to the call site), and that attribute. */
function withoutKey(node: JsxNode, source: ts.SourceFile): { jsx: string; key?: string } {
  const opening = ts.isJsxElement(node) ? node.openingElement : ts.isJsxSelfClosingElement(node) ? node : undefined;
  const key = opening?.attributes.properties.find((p) => ts.isJsxAttribute(p) && p.name.getText(source) === "key");
  const text = node.getText(source);
  if (!key) return { jsx: text };
  const start = key.getFullStart() - node.getStart(source);
  return { jsx: text.slice(0, start) + text.slice(key.getEnd() - node.getStart(source)), key: key.getText(source) };
}

/** `text` (whose first line began at `column`) re-indented to `indent`. */
function reindent(text: string, column: number, indent: string): string {
  return text
    .split("\n")
    .map((line, i) => indent + (i === 0 ? line : line.slice(Math.min(column, line.length - line.trimStart().length))))
    .join("\n");
}

function insertAfterLine(content: string, position: number, text: string): string {
  const end = content.indexOf("\n", position);
  return end < 0 ? `${content}\n${text}` : content.slice(0, end + 1) + text + content.slice(end + 1);
}
