/** @module A light outline of a JS/TS source file (exports with their doc comments, imports, routes), read with regular expressions: enough for offline docs and explanations. */

export interface ExportedSymbol {
  name: string;
  kind: "function" | "component" | "hook" | "const" | "type" | "interface" | "class" | "enum";
  /** The declaration's first line, trimmed (its signature). */
  signature: string;
  /** The text of the JSDoc comment right above it, if any. */
  doc?: string;
  /** 1-based line of the declaration. */
  line: number;
}

export interface SourceOutline {
  /** The file's leading `@module` or first doc comment. */
  summary?: string;
  exports: ExportedSymbol[];
  /** Module specifiers imported. */
  imports: string[];
  /** react-router `<Route path=…>` paths declared in the file. */
  routes: string[];
}

const DECLARATION = /^export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(function\*?|const|let|type|interface|class|enum)\s+([A-Za-z_$][\w$]*)/;

/** The text of a `/** … *\/` comment without its stars and tags. */
export function docText(comment: string): string {
  return comment
    .replace(/^\/\*\*|\*\/$/g, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .filter((line) => line && !line.startsWith("@example"))
    .join(" ")
    .replace(/@module\s*/, "")
    .trim();
}

function kindOf(keyword: string, name: string, line: string): ExportedSymbol["kind"] {
  if (keyword.startsWith("function") || /=\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>/.test(line)) {
    if (/^use[A-Z]/.test(name)) return "hook";
    return /^[A-Z]/.test(name) ? "component" : "function";
  }
  if (keyword === "let") return "const";
  return keyword as ExportedSymbol["kind"];
}

/** Outlines `content`: its exports (with doc comments), imports and routes. */
export function outlineSource(content: string): SourceOutline {
  const lines = content.split("\n");
  const exports: ExportedSymbol[] = [];
  let pendingDoc: string | undefined;
  let docBuffer: string[] | null = null;
  let summary: string | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (docBuffer) {
      docBuffer.push(raw);
      if (line.includes("*/")) {
        pendingDoc = docText(docBuffer.join("\n"));
        if (summary === undefined && (exports.length === 0 && /@module/.test(docBuffer.join(" ")))) summary = pendingDoc;
        docBuffer = null;
      }
      return;
    }
    if (line.startsWith("/**")) {
      if (line.includes("*/")) {
        pendingDoc = docText(line);
        if (summary === undefined && /@module/.test(line)) summary = pendingDoc;
      } else docBuffer = [raw];
      return;
    }
    const match = DECLARATION.exec(line);
    if (match) {
      const [, keyword, name] = match;
      exports.push({ name: name!, kind: kindOf(keyword!, name!, line), signature: line.replace(/\s*\{$/, "").slice(0, 200), line: index + 1, ...(pendingDoc ? { doc: pendingDoc } : {}) });
    }
    if (line) pendingDoc = undefined;
  });
  const imports = [...content.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!);
  const routes = [...content.matchAll(/<Route\s[^>]*path="([^"]+)"/g)].map((m) => m[1]!);
  return { ...(summary ? { summary } : {}), exports, imports: [...new Set(imports)], routes };
}
