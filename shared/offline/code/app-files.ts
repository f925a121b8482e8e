/** @module Templates of the generated app's config, entry, router, layout, data layer, styles and README. */
import type { FieldDef } from "../domain.ts";
import type { AppModel, EntityModel } from "./app-model.ts";
import { importLines, jsxText, str } from "./names.ts";

/** Versions of the generated app's packages (current majors when this engine was written). */
export const APP_PACKAGES = {
  dependencies: { react: "^19.2.0", "react-dom": "^19.2.0", "react-router-dom": "^7.9.0" },
  devDependencies: {
    "@testing-library/dom": "^10.4.0",
    "@testing-library/react": "^16.3.0",
    "@types/react": "^19.2.0",
    "@types/react-dom": "^19.2.0",
    "@vitejs/plugin-react": "^6.0.0",
    "happy-dom": "^21.0.0",
    typescript: "~5.9.3",
    vite: "^8.0.0",
    vitest: "^4.1.0",
  },
} as const;

export function packageJson(app: AppModel): string {
  return `${JSON.stringify({
    name: app.slug,
    private: true,
    version: "0.1.0",
    description: app.pitch,
    type: "module",
    scripts: { dev: "vite", build: "tsc --noEmit && vite build", test: "vitest run", preview: "vite preview" },
    ...APP_PACKAGES,
  }, null, 2)}\n`;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function indexHtml(app: AppModel): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="description" content="${escapeHtml(app.pitch)}" />
    <meta name="theme-color" content="${app.theme.primary}" />
    <title>${escapeHtml(app.name)}</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`;
}

export function tsconfigJson(): string {
  return `${JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "ESNext",
      moduleResolution: "bundler",
      jsx: "react-jsx",
      types: ["vite/client"],
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noFallthroughCasesInSwitch: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ["src"],
  }, null, 2)}\n`;
}

export const viteConfig = () => `import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Vite's configuration (https://vite.dev/config/) and Vitest's: the tests run in happy-dom.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "happy-dom",
    setupFiles: ["./src/test/setup.ts"],
  },
});
`;

export function readme(app: AppModel): string {
  return `# ${app.name}

${app.pitch}

## Pages

| Path | What it shows |
| --- | --- |
${app.routes.map((r) => `| \`${r.path}\` | ${r.description.replace(/\|/g, "\\|")} |`).join("\n")}

## Run it

\`\`\`sh
npm install
npm run dev     # http://localhost:5173
npm test        # the tests beside the pages (Vitest + Testing Library)
npm run build   # type check, then bundle into dist/
\`\`\`

Records are kept in the browser (localStorage) and start with sample data.
Connect Supabase to share them between devices: replace \`src/data/use-collection.ts\`
with queries through \`@supabase/supabase-js\`.

_Written by CodeForge's offline engine (templates filled from the idea, no AI model)._
`;
}

export const mainTsx = () => `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
`;

export function appTsx(app: AppModel): string {
  const imports = new Map<string, Set<string>>([
    ["react-router-dom", new Set(["Link", "Route", "Routes"])],
    ["./components/Layout", new Set(["Layout"])],
    ...app.routes.map((r) => [`./pages/${r.page}`, new Set([r.page])] as [string, Set<string>]),
  ]);
  return `${importLines(imports)}

/** The router: every page of the site map inside the layout. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
${app.routes.map((r) => `        <Route path=${str(r.path)} element={<${r.page} />} />`).join("\n")}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </section>
  );
}
`;
}

export function layoutTsx(app: AppModel): string {
  const links = app.routes.filter((r) => r.nav).map((r) => ({ to: r.path, label: r.path === "/" ? "Dashboard" : r.title }));
  return `import { NavLink, Outlet } from "react-router-dom";

const links = ${JSON.stringify(links, null, 2).replace(/"(to|label)":/g, "$1:")};

/** The app shell: brand, navigation to the top-level pages, the current page. */
export function Layout() {
  return (
    <div className="shell">
      <header className="topbar">
        <NavLink to="/" className="brand">
          ${jsxText(app.name)}
        </NavLink>
        <nav aria-label="Main">
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.to === "/"} className={({ isActive }) => (isActive ? "active" : undefined)}>
              {link.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="content">
        <Outlet />
      </main>
      <footer className="footer">Generated by CodeForge (offline engine). Data stays in this browser.</footer>
    </div>
  );
}
`;
}

function tsType(f: FieldDef): string {
  return f.kind === "money" || f.kind === "number" ? "number" : "string";
}
function emptyValue(f: FieldDef): string {
  if (f.kind === "money" || f.kind === "number") return "0";
  if (f.kind === "status") return str(f.options?.[0] ?? "");
  return '""';
}
function entityBlock(e: EntityModel): string {
  const fields = e.fields.map((f) => `  { key: ${str(f.key)}, label: ${str(f.label)}, kind: ${str(f.kind)}${f.options ? `, options: ${JSON.stringify(f.options)}` : ""} },`).join("\n");
  return `/** One ${e.name}. */
export type ${e.type} = {
  id: string;
${e.fields.map((f) => `  ${f.key}: ${tsType(f)};`).join("\n")}
};

/** The fields of a ${e.name}, in display order. */
export const ${e.type[0]!.toLowerCase()}${e.type.slice(1)}Fields: Field<${e.type}>[] = [
${fields}
];

/** A new, blank ${e.name}. */
export const empty${e.type}: Omit<${e.type}, "id"> = {
${e.fields.map((f) => `  ${f.key}: ${emptyValue(f)},`).join("\n")}
};

/** Sample ${e.label.toLowerCase()} the app starts with. */
export const sample${e.type}s: ${e.type}[] = ${JSON.stringify(e.samples, null, 2).replace(/"([a-z][A-Za-z0-9]*)":/g, "$1:")};
`;
}

export function modelsTs(app: AppModel): string {
  const collections = Object.fromEntries(app.entities.map((e) => [e.collection, { label: e.label, path: app.routes.find((r) => r.kind === "collection" && r.entity === e)?.path ?? null }]));
  return `/** How a field is shown and edited. */
export type FieldKind = "text" | "longtext" | "email" | "phone" | "date" | "time" | "money" | "number" | "status";

/** One field of a record type. */
export interface Field<T> {
  key: Exclude<keyof T, "id"> & string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
}

${app.entities.map(entityBlock).join("\n")}
/** Every collection of the app with its label and list page. */
export const collections = ${JSON.stringify(collections, null, 2).replace(/"([a-z][A-Za-z0-9]*)":/g, "$1:")} as const;

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** A value as people read it: money with its currency, dates with the weekday. */
export function formatValue(kind: FieldKind, value: string | number): string {
  if (kind === "money") return money.format(Number(value));
  if (kind === "date" && typeof value === "string" && /^\\d{4}-\\d{2}-\\d{2}$/.test(value)) {
    return new Date(\`\${value}T00:00:00\`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric" });
  }
  return String(value);
}

/** "Needs care" → "needs-care": a status as a CSS class suffix. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Whether any field of \`row\` contains \`query\` (case-insensitive). */
export function matches(row: object, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle === "" || Object.values(row).some((value) => String(value).toLowerCase().includes(needle));
}
`;
}

export const useCollectionTs = (app: AppModel) => `import { useEffect, useState } from "react";

const PREFIX = ${str(`${app.slug}:`)};

/** A record with an id. */
export type Identified = { id: string };

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? \`\${Date.now().toString(36)}-\${Math.random().toString(36).slice(2)}\`;
}

function load<T>(key: string, initial: T[]): T[] {
  try {
    const saved = localStorage.getItem(PREFIX + key);
    return saved ? (JSON.parse(saved) as T[]) : initial;
  } catch {
    return initial;
  }
}

/**
 * One collection of records in React state, saved to localStorage under \`key\`
 * so it survives reloads; starts from \`initial\` (sample data) the first time.
 */
export function useCollection<T extends Identified>(key: string, initial: T[]) {
  const [items, setItems] = useState<T[]>(() => load(key, initial));

  useEffect(() => {
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(items));
    } catch {
      // Storage full or blocked (private mode): the records stay in memory.
    }
  }, [key, items]);

  function add(values: Omit<T, "id">) {
    const record = { ...values, id: newId() } as T;
    setItems((current) => [...current, record]);
  }
  function update(id: string, changes: Partial<Omit<T, "id">>) {
    setItems((current) => current.map((item) => (item.id === id ? { ...item, ...changes } : item)));
  }
  function remove(id: string) {
    setItems((current) => current.filter((item) => item.id !== id));
  }
  return { items, add, update, remove };
}
`;

export function stylesCss(app: AppModel): string {
  const t = app.theme;
  return `:root {
  --primary: ${t.primary};
  --accent: ${t.accent};
  --highlight: ${t.highlight};
  --surface: ${t.surface};
  --text: ${t.text};
  --muted: color-mix(in srgb, var(--text) 60%, white);
  --line: color-mix(in srgb, var(--text) 12%, white);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--text);
  background: var(--surface);
}

* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--primary); }

.shell { min-height: 100vh; display: flex; flex-direction: column; }
.topbar { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: 0.75rem 1.5rem; background: var(--primary); }
.topbar a { color: white; text-decoration: none; opacity: 0.85; }
.topbar a.active, .topbar a:hover { opacity: 1; text-decoration: underline; }
.brand { font-weight: 700; font-size: 1.15rem; opacity: 1 !important; }
.topbar nav { display: flex; flex-wrap: wrap; gap: 1rem; }
.content { flex: 1; width: 100%; max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
.footer { padding: 1rem 1.5rem; color: var(--muted); font-size: 0.85rem; text-align: center; }

.page { display: grid; gap: 1.25rem; }
.page-header h1 { margin: 0 0 0.25rem; }
.page-header p { margin: 0; color: var(--muted); }

.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 1rem; }
.stat-link { text-decoration: none; color: inherit; }
.stat { display: grid; padding: 1rem; border-radius: 0.75rem; background: white; border: 1px solid var(--line); }
.stat-value { font-size: 1.75rem; font-weight: 700; color: var(--primary); }
.stat-label { color: var(--muted); }
.stat-hint { font-size: 0.8rem; color: var(--accent); }

.panel, .card, .form { background: white; border: 1px solid var(--line); border-radius: 0.75rem; padding: 1rem 1.25rem; }
.panel h2 { margin-top: 0; font-size: 1.1rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
.card h3 { margin: 0 0 0.5rem; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
.card dt { color: var(--muted); }
.card dd { margin: 0; }

.table { width: 100%; border-collapse: collapse; background: white; border-radius: 0.75rem; overflow: hidden; }
.table th, .table td { padding: 0.6rem 0.8rem; text-align: left; border-bottom: 1px solid var(--line); }
.table th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }

.form fieldset { border: 0; padding: 0; margin: 0 0 1rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; }
.form legend { font-weight: 600; margin-bottom: 0.5rem; }
.form label { display: grid; gap: 0.25rem; font-size: 0.9rem; }
input, select, textarea { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid var(--line); border-radius: 0.5rem; background: white; }
button { font: inherit; cursor: pointer; padding: 0.5rem 1rem; border: 0; border-radius: 0.5rem; background: var(--primary); color: white; }
.link-button { background: none; color: var(--primary); padding: 0; text-decoration: underline; }
.search { max-width: 24rem; }

.badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.8rem; background: color-mix(in srgb, var(--accent) 15%, white); color: var(--accent); }
.badge-overdue, .badge-cancelled, .badge-needs-care { background: #fee2e2; color: #b91c1c; }
.badge-due, .badge-in-progress, .badge-low-stock { background: color-mix(in srgb, var(--highlight) 25%, white); color: #854d0e; }
.status-summary { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; }

.calendar { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
.calendar-day { background: white; border: 1px solid var(--line); border-radius: 0.75rem; padding: 0.75rem 1rem; }
.calendar-day h3 { margin: 0 0 0.5rem; font-size: 1rem; color: var(--primary); }
.calendar-day ul, .plain-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.4rem; }
.empty { color: var(--muted); font-style: italic; }
.related h2 { font-size: 1.05rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
}
