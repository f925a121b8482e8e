/** @module The QA agent's real checks of a generated app: every file parsed, imports resolved from the HTML entry as a bundler does, and the TypeScript checker run. */
import type * as TS from "typescript";
import type { CheckFinding, ProjectFile } from "../types.ts";
import { isBare, lineColumn, normalisePath, packageName, resolveLocal } from "./paths.ts";
import { PACKAGE_STUBS, STUBBED_PACKAGES } from "./stubs.ts";
import { checkCss, moduleScripts } from "./text-checks.ts";

export { normalisePath } from "./paths.ts";

/** Options of `checkProject`. */
export interface CheckOptions {
  /**
   * Reads one of TypeScript's lib files (`lib.es2022.d.ts`, `lib.dom.d.ts`, …)
   * by name. Default: from the `typescript` package through `ts.sys` (Node, Deno).
   * Where it returns undefined (a browser) the type check is skipped and said so.
   */
  readLibFile?: (fileName: string) => string | undefined;
  /** Run the type checker (default true). Parsing and resolution always run. */
  typeCheck?: boolean;
}

/** What the checks found and what they cost. */
export interface CheckReport {
  findings: CheckFinding[];
  stats: {
    files: number;
    /** Files a parser read: TS/JS, JSON, CSS, HTML. */
    parsed: number;
    /** Modules reachable from the HTML entry. */
    reachable: number;
    typeChecked: boolean;
    /** Milliseconds spent: loading TypeScript, parsing, resolving, type checking, in all. */
    ms: { load: number; parse: number; resolve: number; types: number; total: number };
  };
}

type Ts = typeof TS;
let tsModule: Promise<Ts> | undefined;
/** TypeScript, loaded once and only when a check runs (it is large). */
export function loadTypeScript(): Promise<Ts> {
  tsModule ??= import("typescript").then((mod) => ((mod as { default?: Ts }).default ?? (mod as unknown as Ts)));
  return tsModule;
}

const ROOT = "/app/";
const LIB_DIR = "/__lib__/";
const STUB_FILE = "/__stubs__/packages.d.ts";
const CODE = /\.(tsx?|jsx?|mts|cts|mjs|cjs)$/;
const JSON_FILE = /\.json$/;
/** TypeScript codes for unused names: worth a warning, not a failed build in dev. */
const UNUSED = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);
/** Codes about a missing member or namespace of a package: our stubs may lack it, so "not verified". */
const PACKAGE_GAPS = new Set([2305, 2614, 2694, 2724, 2503, 2339]);
/** "Cannot find module": the resolver reports those itself, with better words. */
const MISSING_MODULE = new Set([2307, 2792]);

/** Parsed lib files per reader, kept across checks: parsing lib.dom.d.ts is most of a cold check. */
const libCaches = new WeakMap<(name: string) => string | undefined, Map<string, TS.SourceFile | undefined>>();
let sysReader: ((fileName: string) => string | undefined) | undefined;

/**
 * The checker's program over `files` as `checkProject` builds it (in memory, the package
 * typings, TypeScript's lib files), for tools that need types; `fileName(path)` names a file in it.
 */
export async function typedProgram(files: { path: string; content: string }[]): Promise<{ ts: Ts; program: TS.Program; fileName: (path: string) => string }> {
  const ts = await loadTypeScript();
  const texts = new Map(files.map((file) => [file.path, file.content]));
  sysReader ??= defaultLibReader(ts);
  const host = compilerHost(ts, texts, undefined, sysReader);
  const roots = [...texts.keys()].filter((path) => CODE.test(path)).map((path) => ROOT + path);
  const program = ts.createProgram({ rootNames: [...roots, STUB_FILE], options: compilerOptions(ts, host.hasLibs), host: host.host });
  return { ts, program, fileName: (path) => ROOT + path };
}

/**
 * Checks `files` as a bundler and `tsc --noEmit` would: JSON, CSS and every
 * TS/JS file parsed; each import resolved (relative files, packages listed in
 * package.json) starting from index.html's module script; then the type
 * checker over all TS files, with compact typings of react, react-dom,
 * react-router-dom and vite (`stubs.ts`). Syntax errors, unresolved imports and
 * type errors are `critical` findings with file and line; unused names,
 * unverifiable package members and dead files are warnings or info.
 * @example const { findings } = await checkProject(files); findings.filter((f) => f.severity === "critical")
 */
export async function checkProject(files: ProjectFile[], options: CheckOptions = {}): Promise<CheckReport> {
  const started = performance.now();
  const findings: CheckFinding[] = [];
  const texts = new Map<string, string>();
  for (const file of files) {
    const path = normalisePath(file.path);
    if (path === null) {
      findings.push({ severity: "critical", check: "manifest", file: file.path, message: "path is empty or leaves the project folder", suggestion: "Use a path relative to the project root, without '..'." });
    } else if (texts.has(path)) {
      findings.push({ severity: "critical", check: "manifest", file: path, message: "two files have this path", suggestion: "Keep one of them." });
    } else texts.set(path, file.content);
  }

  const ts = await loadTypeScript();
  const loaded = performance.now();

  // ---- parse ---------------------------------------------------------------
  let parsed = 0;
  const sources = new Map<string, TS.SourceFile>();
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> } | undefined;
  for (const [path, text] of texts) {
    if (CODE.test(path)) {
      parsed++;
      sources.set(path, ts.createSourceFile(ROOT + path, text, ts.ScriptTarget.ES2022, true, scriptKind(ts, path)));
    } else if (JSON_FILE.test(path)) {
      parsed++;
      const { config, error } = ts.parseConfigFileTextToJson(ROOT + path, text);
      if (error) findings.push(fromDiagnostic(ts, error, path, "parse", "critical", "Fix the JSON syntax."));
      else if (path === "package.json") manifest = config as typeof manifest;
    } else if (/\.css$/.test(path)) {
      parsed++;
      findings.push(...checkCss(path, text));
    } else if (/\.html?$/.test(path)) parsed++;
  }
  sysReader ??= defaultLibReader(ts);
  const host = compilerHost(ts, texts, manifest, options.readLibFile ?? sysReader);
  const typeCheck = options.typeCheck !== false && host.hasLibs;
  const program = ts.createProgram({
    rootNames: [...[...sources.keys()].map((path) => ROOT + path), STUB_FILE],
    options: compilerOptions(ts, typeCheck),
    host: host.host,
  });
  for (const path of sources.keys()) {
    const sourceFile = program.getSourceFile(ROOT + path);
    for (const diagnostic of sourceFile ? program.getSyntacticDiagnostics(sourceFile) : []) {
      findings.push(fromDiagnostic(ts, diagnostic, path, "parse", "critical", "Fix the syntax error; the app cannot be bundled until it parses."));
    }
  }
  const parsedAt = performance.now();

  // ---- resolve from the entry, as a bundler does ---------------------------
  const reachable = resolveGraph(ts, texts, sources, manifest, findings);
  const resolvedAt = performance.now();

  // ---- type check ----------------------------------------------------------
  if (typeCheck) {
    for (const path of sources.keys()) {
      const sourceFile = program.getSourceFile(ROOT + path);
      if (!sourceFile || path.endsWith(".d.ts") || /\.(jsx?|mjs|cjs)$/.test(path)) continue;
      for (const diagnostic of program.getSemanticDiagnostics(sourceFile)) {
        if (MISSING_MODULE.has(diagnostic.code)) continue;
        findings.push(classify(ts, diagnostic, path));
      }
    }
  } else {
    findings.push({
      severity: "info",
      check: "types",
      file: "tsconfig.json",
      message: options.typeCheck === false ? "type check not run (disabled)" : "type check skipped: TypeScript's lib files cannot be read in this runtime",
      suggestion: "Run `npx tsc --noEmit` in the project to type check it.",
    });
  }
  const done = performance.now();
  return {
    findings: sortFindings(dedupe(findings)),
    stats: {
      files: files.length,
      parsed,
      reachable,
      typeChecked: typeCheck,
      ms: { load: loaded - started, parse: parsedAt - loaded, resolve: resolvedAt - parsedAt, types: done - resolvedAt, total: done - started },
    },
  };
}

function scriptKind(ts: Ts, path: string): TS.ScriptKind {
  if (path.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (path.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The options of the generated tsconfig.json, as the checker needs them in memory. */
function compilerOptions(ts: Ts, withLibs: boolean): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.Preserve,
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noFallthroughCasesInSwitch: true,
    allowImportingTsExtensions: true,
    allowJs: true,
    checkJs: false,
    esModuleInterop: true,
    resolveJsonModule: true,
    isolatedModules: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    ...(withLibs ? { lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"] } : { noLib: true }),
  };
}

function defaultLibReader(ts: Ts): (fileName: string) => string | undefined {
  const sys = ts.sys as TS.System | undefined;
  if (!sys) return () => undefined;
  let dir: string | undefined;
  return (fileName) => {
    try {
      dir ??= ts.getDefaultLibFilePath({}).replace(/[\\/][^\\/]*$/, "");
      return sys.readFile(`${dir}/${fileName}`);
    } catch {
      return undefined;
    }
  };
}

/** An in-memory compiler host: the app under /app/, lib files under /__lib__/, the package typings. */
function compilerHost(ts: Ts, texts: Map<string, string>, manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined, readLib: (name: string) => string | undefined) {
  const declared = Object.keys({ ...manifest?.dependencies, ...manifest?.devDependencies })
    .filter((name) => !STUBBED_PACKAGES.has(name) && /^[@\w./-]+$/.test(name))
    .map((name) => `declare module "${name}";\ndeclare module "${name}/*";`);
  const stubText = `${PACKAGE_STUBS}\n${declared.join("\n")}\n`;
  const stub = ts.createSourceFile(STUB_FILE, stubText, ts.ScriptTarget.ES2022, true);
  let libCache = libCaches.get(readLib);
  if (!libCache) libCaches.set(readLib, (libCache = new Map()));
  const lib = (name: string, version: TS.ScriptTarget | TS.CreateSourceFileOptions) => {
    const key = name;
    if (!libCache.has(key)) {
      const text = readLib(name.slice(LIB_DIR.length));
      libCache.set(key, text === undefined ? undefined : ts.createSourceFile(name, text, version, false));
    }
    return libCache.get(key);
  };
  const appPath = (fileName: string) => (fileName.startsWith(ROOT) ? fileName.slice(ROOT.length) : undefined);
  const host: TS.CompilerHost = {
    getSourceFile(fileName, version) {
      if (fileName === STUB_FILE) return stub;
      if (fileName.startsWith(LIB_DIR)) return lib(fileName, version);
      const path = appPath(fileName);
      const text = path === undefined ? undefined : texts.get(path);
      return text === undefined ? undefined : ts.createSourceFile(fileName, text, version, true);
    },
    getDefaultLibFileName: () => `${LIB_DIR}lib.es2022.d.ts`,
    writeFile: () => {},
    getCurrentDirectory: () => ROOT,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (fileName) => fileName === STUB_FILE || (appPath(fileName) !== undefined && texts.has(appPath(fileName)!)) || (fileName.startsWith(LIB_DIR) && lib(fileName, ts.ScriptTarget.ES2022) !== undefined),
    readFile: (fileName) => (fileName === STUB_FILE ? stubText : texts.get(appPath(fileName) ?? "")),
    directoryExists: (dir) => dir === "/app" || dir.startsWith(ROOT) ? [...texts.keys()].some((path) => (ROOT + path).startsWith(`${dir.replace(/\/$/, "")}/`)) : false,
    getDirectories: () => [],
  };
  return { host, hasLibs: lib(`${LIB_DIR}lib.es2022.d.ts`, ts.ScriptTarget.ES2022) !== undefined };
}

/** Every module specifier of a file with its offset: imports, re-exports, `import()` and `require()` of string literals. */
function specifiers(ts: Ts, sourceFile: TS.SourceFile): { specifier: string; index: number }[] {
  const out: { specifier: string; index: number }[] = [];
  const visit = (node: TS.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ specifier: node.moduleSpecifier.text, index: node.moduleSpecifier.getStart(sourceFile) });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      out.push({ specifier: node.arguments[0].text, index: node.arguments[0].getStart(sourceFile) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

/** Resolves every import reachable from index.html; records unresolved ones and files nothing imports. Returns how many modules the entry reaches. */
function resolveGraph(
  ts: Ts,
  texts: Map<string, string>,
  sources: Map<string, TS.SourceFile>,
  manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> } | undefined,
  findings: CheckFinding[],
): number {
  const exists = (path: string) => texts.has(path);
  const deps = new Set(Object.keys({ ...manifest?.dependencies, ...manifest?.devDependencies }));
  if (!texts.has("package.json")) {
    findings.push({ severity: "critical", check: "manifest", file: "package.json", message: "package.json is missing", suggestion: "Add a package.json listing react, react-dom, react-router-dom, vite and typescript." });
  } else if (manifest && !manifest.scripts?.build) {
    findings.push({ severity: "warning", check: "manifest", file: "package.json", message: "no build script", suggestion: 'Add "build": "tsc --noEmit && vite build".' });
  }
  const entries: string[] = [];
  const html = texts.get("index.html");
  if (html === undefined) {
    findings.push({ severity: "critical", check: "bundle", file: "index.html", message: "index.html is missing: Vite has no entry to bundle", suggestion: 'Add index.html with <div id="root"></div> and <script type="module" src="/src/main.tsx"></script>.' });
  } else {
    const scripts = moduleScripts(html);
    if (scripts.length === 0) {
      findings.push({ severity: "critical", check: "bundle", file: "index.html", message: "index.html loads no module script", suggestion: 'Add <script type="module" src="/src/main.tsx"></script>.' });
    }
    for (const script of scripts) {
      const target = resolveLocal("index.html", script.src, exists);
      if (target) entries.push(target);
      else findings.push({ severity: "critical", check: "bundle", file: "index.html", ...lineColumn(html, script.index), message: `the entry script "${script.src}" does not exist`, suggestion: "Point the script at the app's entry module, e.g. /src/main.tsx." });
    }
  }
  const seen = new Set<string>();
  const queue = [...entries];
  // Every code file's imports are checked; reachability is counted from the entry.
  const checked = new Set<string>();
  const checkFile = (path: string): string[] => {
    const sourceFile = sources.get(path);
    if (!sourceFile) return [];
    const next: string[] = [];
    for (const { specifier, index } of specifiers(ts, sourceFile)) {
      const at = lineColumn(sourceFile.text, index);
      if (isBare(specifier)) {
        if (specifier.startsWith("node:") || ["fs", "path", "child_process", "os"].includes(specifier)) {
          if (!checked.has(path)) findings.push({ severity: "critical", check: "resolve", file: path, ...at, message: `imports Node's built-in "${specifier}", which does not exist in the browser`, suggestion: "Use a Web API instead, or move this code to a server function." });
        } else if (manifest && !deps.has(packageName(specifier))) {
          if (!checked.has(path)) findings.push({ severity: "critical", check: "resolve", file: path, ...at, message: `imports "${specifier}", but package.json does not list "${packageName(specifier)}"`, suggestion: `Add "${packageName(specifier)}" to dependencies, or import something the app has.` });
        }
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) continue;
      const target = resolveLocal(path, specifier, exists);
      if (target) next.push(target);
      else if (!checked.has(path)) findings.push({ severity: "critical", check: "resolve", file: path, ...at, message: `cannot resolve import "${specifier}": no such file in the project`, suggestion: "Fix the path, or add the missing file." });
    }
    checked.add(path);
    return next;
  };
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(...checkFile(path));
  }
  for (const path of sources.keys()) {
    if (checked.has(path)) continue;
    checkFile(path);
    if (path.startsWith("src/") && !path.endsWith(".d.ts") && entries.length > 0) {
      findings.push({ severity: "info", check: "bundle", file: path, message: "no module of the app imports this file", suggestion: "Import it where it is needed, or delete it." });
    }
  }
  return seen.size;
}

function fromDiagnostic(ts: Ts, diagnostic: TS.Diagnostic, path: string, check: CheckFinding["check"], severity: CheckFinding["severity"], suggestion: string): CheckFinding {
  const position = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
  return {
    severity,
    check,
    file: path,
    ...(position ? { line: position.line + 1, column: position.character + 1 } : {}),
    message: `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`,
    suggestion,
  };
}

function classify(ts: Ts, diagnostic: TS.Diagnostic, path: string): CheckFinding {
  if (UNUSED.has(diagnostic.code)) return fromDiagnostic(ts, diagnostic, path, "types", "warning", "Remove the unused name, or use it; `tsc` fails the build on it with noUnusedLocals.");
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  const pkg = /Module '"([^"]+)"'|namespace '(React)'|type 'typeof (React)'/.exec(text);
  if (PACKAGE_GAPS.has(diagnostic.code) && pkg && isBare(pkg[1] ?? pkg[2] ?? pkg[3] ?? "")) {
    return fromDiagnostic(ts, diagnostic, path, "types", "warning", "Not verified: the checker's typings of this package lack the member. Check it against the package's documentation.");
  }
  return fromDiagnostic(ts, diagnostic, path, "types", "critical", "Fix the type error; `tsc --noEmit` (the build script) fails on it.");
}

const dedupe = (findings: CheckFinding[]) => {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.file}:${finding.line}:${finding.column}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const RANK = { critical: 0, warning: 1, info: 2 } as const;
/** Causes first: a syntax error or missing file explains the type errors after it. */
const CHECK_RANK = { manifest: 0, parse: 1, bundle: 2, resolve: 3, types: 4, fidelity: 5 } as const;
const sortFindings = (findings: CheckFinding[]) =>
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity] || CHECK_RANK[a.check] - CHECK_RANK[b.check] || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));

/** `src/App.tsx:12:5` or `package.json`. */
export const where = (finding: CheckFinding) => `${finding.file}${finding.line ? `:${finding.line}${finding.column ? `:${finding.column}` : ""}` : ""}`;
