/** @module What a JSX sub-tree needs from around it: the element a request points at, the names it reads, and where each is declared. */
import ts from "typescript";
import { AppError } from "../errors.ts";
import type { ExtractTarget } from "../protocol/index.ts";

export type JsxNode = ts.JsxElement | ts.JsxSelfClosingElement | ts.JsxFragment;

const isJsx = (node: ts.Node): node is JsxNode => ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node);
const tagOf = (node: JsxNode, source: ts.SourceFile) =>
  ts.isJsxElement(node) ? node.openingElement.tagName.getText(source) : ts.isJsxSelfClosingElement(node) ? node.tagName.getText(source) : "";
const lineOf = (source: ts.SourceFile, position: number) => source.getLineAndCharacterOfPosition(position).line + 1;

/** The element `target` names in `source`; a 400 saying what is there when none matches. */
export function findTarget(source: ts.SourceFile, target: ExtractTarget): JsxNode {
  const all: JsxNode[] = [];
  const visit = (node: ts.Node) => {
    if (isJsx(node)) all.push(node);
    node.forEachChild(visit);
  };
  visit(source);
  if ("tag" in target) {
    const tagged = all.filter((node) => tagOf(node, source) === target.tag);
    const found = tagged[target.occurrence - 1];
    if (!found) throw new AppError("invalid_request", `${source.fileName} has ${tagged.length} <${target.tag}> element(s); occurrence ${target.occurrence} was asked for.`);
    return found;
  }
  const found = all.find((node) => lineOf(source, node.getStart(source)) === target.start_line && lineOf(source, node.getEnd()) === target.end_line);
  if (!found) throw new AppError("invalid_request", `No JSX element of ${source.fileName} starts on line ${target.start_line} and ends on line ${target.end_line}.`);
  return found;
}

/** Whether `id` reads a variable (not a property name, attribute name, intrinsic tag or a name being declared). */
function isReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && (ts.isPropertyAccessExpression(parent) ? parent.name : parent.right) === id) return false;
  if (ts.isJsxAttribute(parent) || ts.isJsxClosingElement(parent)) return false;
  if ((ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent)) && parent.tagName === id) return /^[A-Z_$]/.test(id.text);
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) && parent.name === id) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false;
  return !isDeclarationName(id);
}

function isDeclarationName(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (
    ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent)) && parent.name === id)
  );
}

/** Names declared by a binding (`a`, `{ a, b: c }`, `[d, ...e]`). */
export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

/** The names `node` reads, in order of first use, each with its first identifier; names it declares itself are left out. */
export function referencedNames(node: ts.Node): Map<string, ts.Identifier> {
  const used = new Map<string, ts.Identifier>();
  const declared = new Set<string>();
  const visit = (child: ts.Node) => {
    if (ts.isIdentifier(child)) {
      if (isDeclarationName(child)) declared.add(child.text);
      else if (isReference(child) && !used.has(child.text)) used.set(child.text, child);
    }
    child.forEachChild(visit);
  };
  visit(node);
  for (const name of declared) used.delete(name);
  return used;
}

/** Names declared in the functions around `node` (parameters and locals), outside `node` itself: what it must get as props. */
export function enclosingLocals(node: ts.Node): Set<string> {
  const names = new Set<string>();
  for (let scope: ts.Node | undefined = node.parent; scope && !ts.isSourceFile(scope); scope = scope.parent) {
    if (!ts.isFunctionLike(scope)) continue;
    for (const parameter of scope.parameters) bindingNames(parameter.name).forEach((name) => names.add(name));
    const collect = (child: ts.Node) => {
      if (child === node) return;
      if (ts.isVariableDeclaration(child)) bindingNames(child.name).forEach((name) => names.add(name));
      else if (ts.isFunctionDeclaration(child) && child.name) names.add(child.name.text);
      if (!ts.isFunctionLike(child) || child === scope) child.forEachChild(collect);
    };
    collect(scope);
  }
  return names;
}

/** Top-level names of a file: its import bindings (with their declaration) and its own declarations. */
export function topLevelNames(source: ts.SourceFile): { imports: Map<string, ts.ImportDeclaration>; declarations: Map<string, ts.Statement> } {
  const imports = new Map<string, ts.ImportDeclaration>();
  const declarations = new Map<string, ts.Statement>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) imports.set(clause.name.text, statement);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) imports.set(bindings.name.text, statement);
      if (bindings && ts.isNamedImports(bindings)) bindings.elements.forEach((element) => imports.set(element.name.text, statement));
    } else if (ts.isVariableStatement(statement)) {
      statement.declarationList.declarations.forEach((d) => bindingNames(d.name).forEach((name) => declarations.set(name, statement)));
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      declarations.set(statement.name.text, statement);
    }
  }
  return { imports, declarations };
}
