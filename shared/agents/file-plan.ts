/** @module The file plan of a generated app, derived from the wireframe: the same files whichever model writes them. */
import type { WireframeSpec } from "../protocol/index.ts";
import type { PlannedFile } from "./types.ts";

/** Most shared components a plan gets (one file each); the rest of the wireframe's are left to the pages. */
export const MAX_COMPONENT_FILES = 24;
/** Most pages a plan gets. */
export const MAX_PAGES = 16;

/** Names the generated app uses itself; a wireframe component with one of them is not given a file of its own. */
const RESERVED = new Set(["App", "Layout", "Router", "Route", "Routes", "Link", "NavLink", "Outlet", "React", "Fragment", "StrictMode"]);

/** `client-list`, `client_list`, `Client List` → `ClientList`; non-ASCII is dropped; `fallback` when nothing is left. */
export function pascalCase(text: string, fallback = "Section"): string {
  const ascii = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const name = (ascii.match(/[A-Za-z0-9]+/g) ?? []).map((part) => part[0]!.toUpperCase() + part.slice(1)).join("");
  if (!name) return fallback;
  return /^[0-9]/.test(name) ? `${fallback}${name}` : name;
}

/** The component a route renders: `/` → `HomePage`, `/clients` → `ClientsPage`, `/clients/:id` → `ClientDetailPage`. */
export function pageComponentName(path: string): string {
  const segments = path.split("/").filter(Boolean);
  if (segments.length === 0) return "HomePage";
  if (segments.length === 1 && segments[0] === "*") return "NotFoundPage";
  const parts: string[] = [];
  segments.forEach((segment, i) => {
    if (segment.startsWith(":")) {
      if (i === segments.length - 1) {
        const prev = parts.pop() ?? "Item";
        parts.push(`${singular(prev)}Detail`);
      }
    } else {
      parts.push(pascalCase(segment, "Section"));
    }
  });
  return `${parts.join("") || "Home"}Page`;
}

/** A rough English singular of a PascalCase word: `Clients` → `Client`, `Categories` → `Category`. */
function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, "y");
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.replace(/es$/, "");
  return word.replace(/s$/, "");
}

/** The wireframe's routes that get a page, in site-map order, without duplicates, with unique component names. */
export function plannedRoutes(wireframe: WireframeSpec): { path: string; name: string; description: string }[] {
  const seen = new Set<string>();
  const names = new Set<string>();
  const routes: { path: string; name: string; description: string }[] = [];
  for (const page of wireframe.site_map) {
    const path = normaliseRoutePath(page.path);
    if (seen.has(path) || routes.length >= MAX_PAGES) continue;
    seen.add(path);
    let name = pageComponentName(path);
    for (let n = 2; names.has(name); n++) name = `${pageComponentName(path).replace(/Page$/, "")}${n}Page`;
    names.add(name);
    routes.push({ path, name, description: page.description });
  }
  return routes;
}

/** A react-router path: leading `/`, no trailing `/`, no query or hash, no spaces. */
export function normaliseRoutePath(path: string): string {
  const clean = path.trim().split(/[?#]/)[0]!.replace(/\s+/g, "-").replace(/\/+/g, "/").replace(/\/$/, "");
  return clean.startsWith("/") ? clean || "/" : `/${clean}`;
}

/** Shared components of the wireframe that get a file: unique, valid identifiers, not pages or reserved names. */
export function plannedComponents(wireframe: WireframeSpec): { name: string; props: string[]; children: string[] }[] {
  const pages = new Set(plannedRoutes(wireframe).map((route) => route.name));
  const byName = new Map<string, { name: string; props: string[]; children: string[] }>();
  for (const page of wireframe.site_map) {
    for (const component of page.components) {
      const name = pascalCase(component.name, "Widget");
      if (RESERVED.has(name) || pages.has(name) || byName.has(name) || byName.size >= MAX_COMPONENT_FILES) continue;
      byName.set(name, { name, props: component.props, children: component.children });
    }
  }
  return [...byName.values()];
}

/**
 * Every file of the app for `wireframe`: config, entry, router, styles, data,
 * the layout, one file per shared component and one per page.
 * @example planFiles(wireframe).map((f) => f.path) // ["package.json", …, "src/pages/ClientsPage.tsx"]
 */
export function planFiles(wireframe: WireframeSpec): PlannedFile[] {
  const files: PlannedFile[] = [
    { path: "package.json", language: "json", kind: "config", purpose: "npm manifest: react, react-dom, react-router-dom; vite, @vitejs/plugin-react, typescript, vitest, @testing-library/react, @testing-library/dom, happy-dom; scripts dev, build (tsc --noEmit && vite build), test (vitest run), preview." },
    { path: "index.html", language: "html", kind: "entry", purpose: "The HTML page Vite serves: a #root element and the module script /src/main.tsx." },
    { path: "tsconfig.json", language: "json", kind: "config", purpose: "Strict TypeScript for the browser code under src (bundler resolution, react-jsx)." },
    { path: "vite.config.ts", language: "typescript", kind: "config", purpose: "Vite configuration with the React plugin; Vitest runs in happy-dom with src/test/setup.ts." },
    { path: "README.md", language: "markdown", kind: "config", purpose: "What the app is, its pages, and how to run it." },
    { path: "src/main.tsx", language: "typescript", kind: "entry", purpose: "Mounts <App /> into #root inside StrictMode and BrowserRouter, and imports the global styles." },
    { path: "src/App.tsx", language: "typescript", kind: "app", exportName: "App", purpose: "The router: one <Route> per site-map page inside the Layout, and a not-found route." },
    { path: "src/styles.css", language: "css", kind: "style", purpose: "Global styles: theme colours as CSS variables, layout, tables, forms, cards." },
    { path: "src/data/models.ts", language: "typescript", kind: "data", exportName: "collections", purpose: "The domain's record types and realistic sample records, one collection per entity." },
    { path: "src/data/use-collection.ts", language: "typescript", kind: "data", exportName: "useCollection", purpose: "A React hook holding one collection in state (saved to localStorage): add, update, remove." },
    { path: "src/components/Layout.tsx", language: "typescript", kind: "component", exportName: "Layout", purpose: "App shell: header with the app name, navigation to the top-level pages, and the page outlet." },
  ];
  for (const component of plannedComponents(wireframe)) {
    files.push({
      path: `src/components/${component.name}.tsx`,
      language: "typescript",
      kind: "component",
      exportName: component.name,
      purpose: `Shared component ${component.name}${component.props.length ? ` with props ${component.props.join(", ")}` : ""}${component.children.length ? `, rendering ${component.children.join(", ")}` : ""}.`,
    });
  }
  for (const route of plannedRoutes(wireframe)) {
    files.push({ path: `src/pages/${route.name}.tsx`, language: "typescript", kind: "page", route: route.path, exportName: route.name, purpose: `Page ${route.path}: ${route.description}` });
  }
  return [...files, ...planTests(wireframe)];
}

/**
 * The app's tests (`test_generation`), written with it: Vitest + Testing Library
 * files beside the pages, an app-level navigation test, and their setup.
 */
function planTests(wireframe: WireframeSpec): PlannedFile[] {
  const test = (path: string, purpose: string, route?: string): PlannedFile => ({ path, language: "typescript", kind: "test", purpose, ...(route ? { route } : {}) });
  return [
    test("src/test/setup.ts", "Vitest setup: Testing Library's cleanup and an empty localStorage after each test."),
    test("src/test/render.tsx", "renderRoute(path): renders <App /> inside a MemoryRouter at path, for the tests."),
    test("src/App.test.tsx", "Navigation test: each link of the main navigation opens its page (its <h1>); an unknown path shows the not-found page."),
    ...plannedRoutes(wireframe).map((route) =>
      test(`src/pages/${route.name}.test.tsx`, `Tests of page ${route.path}: it renders with its heading; a record list shows its sample rows, its form adds a row, its search filters.`, route.path)),
  ];
}
