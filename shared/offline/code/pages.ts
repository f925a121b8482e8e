/** @module Templates of the generated app's pages: dashboard, record list, record detail and plain sections. */
import type { AppModel, ComponentModel, EntityModel, RouteModel } from "./app-model.ts";
import { calendarIsTable } from "./components.ts";
import { detailHref, imports, jsxText, recordVar, str, titleField } from "./names.ts";

type Imports = ReturnType<typeof imports>;

/** What a page declares: one `useCollection` per record type it shows, plus search state. */
class PageScope {
  readonly hooks = new Map<string, EntityModel>();
  constructor(readonly im: Imports) {}
  /** The variable holding `entity`'s collection, declared once. */
  collection(entity: EntityModel): string {
    this.hooks.set(entity.collection, entity);
    this.im.use("../data/use-collection", "useCollection");
    this.im.use("../data/models", `sample${entity.type}s`);
    return entity.collection;
  }
  hookLines(): string {
    return [...this.hooks.values()].map((e) => `  const ${e.collection} = useCollection(${str(e.collection)}, sample${e.type}s);`).join("\n");
  }
}

/** The JSX using component `c` on a page; `rows` is the expression of the rows it shows. */
function usage(c: ComponentModel, scope: PageScope, rows: string | undefined, route: RouteModel): string {
  scope.im.use(`../components/${c.name}`, c.name);
  const e = c.entity;
  // Declared only where used: an unused collection fails `tsc` with noUnusedLocals.
  const col = () => scope.collection(e);
  const list = () => (rows && route.entity === e ? rows : `${col()}.items`);
  const kind = c.kind === "calendar" && calendarIsTable(e) ? "table" : c.kind;
  switch (kind) {
    case "table":
      return `<${c.name} rows={${list()}} onRemove={${col()}.remove} />`;
    case "calendar":
      return `<${c.name} rows={${list()}} />`;
    case "card":
      return `<div className="grid">\n        {${list()}.map((row) => (\n          <${c.name} key={row.id} ${recordVar(e)}={row} />\n        ))}\n      </div>`;
    case "form":
      return `<${c.name} onAdd={${col()}.add} />`;
    case "badge": {
      const status = e.fields.find((f) => f.kind === "status");
      if (!status) return `<${c.name} status={\`\${${col()}.items.length} ${e.label.toLowerCase()}\`} />`;
      return `<p className="status-summary">\n        {${JSON.stringify(status.options ?? [])}.map((status) => (\n          <span key={status}>\n            <${c.name} status={status} /> {${col()}.items.filter((row) => row.${status.key} === status).length}\n          </span>\n        ))}\n      </p>`;
    }
    case "stat":
      return `<${c.name} label=${str(e.label)} value={${col()}.items.length} />`;
    default:
      return `<${c.name} title=${str(route.title)}>\n        <p>${jsxText(route.description)}</p>\n      </${c.name}>`;
  }
}

function header(route: RouteModel): string {
  return `      <header className="page-header">\n        <h1>${jsxText(route.title)}</h1>\n        <p>${jsxText(route.description)}</p>\n      </header>`;
}

function collectionPage(route: RouteModel): string {
  const e = route.entity!;
  const im = imports();
  const scope = new PageScope(im);
  const col = scope.collection(e);
  const searchable = route.components.some((c) => c.entity === e && (c.kind === "table" || c.kind === "card"));
  const body = route.components.map((c) => usage(c, scope, searchable ? "visible" : undefined, route));
  if (!route.components.some((c) => c.entity === e && ["table", "card", "calendar"].includes(c.kind))) {
    // A page of records with no component listing them still lists them.
    const head = titleField(e);
    im.use("../data/models", "matches");
    body.push(`<ul className="plain-list">\n        {visible.map((row) => (\n          <li key={row.id}>{row.${head.key}}</li>\n        ))}\n      </ul>`);
  } else if (searchable) im.use("../data/models", "matches");
  const search = searchable || body.some((b) => b.includes("visible"));
  if (search) im.use("react", "useState");
  return `${im.render()}

/** ${route.path}: ${route.description.replace(/\*\//g, "* /")} */
export function ${route.page}() {
${scope.hookLines()}${search ? `\n  const [query, setQuery] = useState("");\n  const visible = ${col}.items.filter((row) => matches(row, query));` : ""}
  return (
    <section className="page">
${header(route)}${search ? `\n      <input\n        className="search"\n        type="search"\n        placeholder=${str(`Search ${e.label.toLowerCase()}`)}\n        aria-label=${str(`Search ${e.label.toLowerCase()}`)}\n        value={query}\n        onChange={(event) => setQuery(event.target.value)}\n      />` : ""}
${body.map((b) => `      ${b}`).join("\n")}
    </section>
  );
}
`;
}

function detailPage(route: RouteModel, app: AppModel): string {
  const e = route.entity!;
  const im = imports();
  const scope = new PageScope(im);
  im.use("react-router-dom", "Link", "useParams");
  const col = scope.collection(e);
  const param = /:([A-Za-z0-9_]+)/.exec(route.path)?.[1] ?? "id";
  const listRoute = app.routes.find((r) => r.kind === "collection" && r.entity === e);
  const back = listRoute?.path ?? "/";
  const head = titleField(e);
  const cards = route.components.filter((c) => c.kind === "card" && c.entity === e);
  const others = route.components.filter((c) => !(c.kind === "card" && c.entity === e));
  const body: string[] = cards.map((c) => {
    im.use(`../components/${c.name}`, c.name);
    return `<${c.name} ${recordVar(e)}={record} />`;
  });
  if (cards.length === 0) {
    im.use("../data/models", "formatValue");
    body.push(`<dl className="card">\n${e.fields.filter((f) => f !== head).map((f) => `        <dt>${jsxText(f.label)}</dt>\n        <dd>{formatValue(${str(f.kind)}, record.${f.key})}</dd>`).join("\n")}\n      </dl>`);
  }
  body.push(...others.map((c) => usage(c, scope, undefined, route)));
  // Records that name this one (a client's dogs and invoices).
  for (const other of app.entities) {
    const ref = other.fields.find((f) => f.ref === e.name);
    if (!ref || other === e) continue;
    const oc = scope.collection(other);
    const oh = titleField(other);
    const shown = oh.key === ref.key ? other.fields.find((f) => f.kind === "date" || f.kind === "status") ?? oh : oh;
    body.push(`<section className="related">\n        <h2>${jsxText(other.label)}</h2>\n        <ul className="plain-list">\n          {${oc}.items\n            .filter((row) => row.${ref.key} === record.${head.key})\n            .map((row) => (\n              <li key={row.id}>{String(row.${shown.key})}</li>\n            ))}\n        </ul>\n      </section>`);
  }
  return `${im.render()}

/** ${route.path}: ${route.description.replace(/\*\//g, "* /")} */
export function ${route.page}() {
  const params = useParams();
${scope.hookLines()}
  const record = ${col}.items.find((row) => row.id === params[${str(param)}]);
  if (!record) {
    return (
      <section className="page">
        <h1>${jsxText(`${e.type.replace(/([a-z])([A-Z])/g, "$1 $2")} not found`)}</h1>
        <p>
          <Link to=${str(back)}>${jsxText(`Back to ${listRoute ? e.label.toLowerCase() : "the dashboard"}`)}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page">
      <p>
        <Link to=${str(back)}>${jsxText(`← ${listRoute ? `All ${e.label.toLowerCase()}` : "Dashboard"}`)}</Link>
      </p>
      <h1>{record.${head.key}}</h1>
${body.map((b) => `      ${b}`).join("\n")}
    </section>
  );
}
`;
}

function dashboardPage(route: RouteModel, app: AppModel): string {
  const im = imports();
  const scope = new PageScope(im);
  const stats = route.components.filter((c) => c.kind === "stat");
  const statName = stats[0]?.name;
  if (statName) im.use(`../components/${statName}`, statName);
  const counts = app.entities.map((e) => {
    const col = scope.collection(e);
    const link = app.routes.find((r) => r.kind === "collection" && r.entity === e);
    const inner = statName ? `<${statName} label=${str(e.label)} value={${col}.items.length} />` : `<div className="stat">\n            <span className="stat-value">{${col}.items.length}</span>\n            <span className="stat-label">${jsxText(e.label)}</span>\n          </div>`;
    if (link) im.use("react-router-dom", "Link");
    return link ? `<Link to=${str(link.path)} className="stat-link">\n          ${inner}\n        </Link>` : inner;
  });
  const others = route.components.filter((c) => c.kind !== "stat" || c.name !== statName).map((c) => {
    if (c.kind === "calendar" || c.kind === "table") {
      const e = c.entity;
      const status = e.fields.find((f) => f.kind === "status");
      const col = scope.collection(e);
      const rows = status ? `${col}.items.filter((row) => row.${status.key} === ${str(status.options?.[0] ?? "")})` : `${col}.items.slice(0, 5)`;
      scope.im.use(`../components/${c.name}`, c.name);
      return `<section className="panel">\n        <h2>${jsxText(status ? `${status.options?.[0] ?? ""} ${e.label.toLowerCase()}` : e.label)}</h2>\n        ${c.kind === "table" || calendarIsTable(e) ? `<${c.name} rows={${rows}} />` : `<${c.name} rows={${rows}} />`}\n      </section>`;
    }
    return usage(c, scope, undefined, route);
  });
  const musts = app.features.filter((f) => f.priority === "must-have").slice(0, 6);
  return `${im.render()}

/** ${route.path}: ${route.description.replace(/\*\//g, "* /")} */
export function ${route.page}() {
${scope.hookLines()}
  return (
    <section className="page">
      <header className="page-header">
        <h1>${jsxText(app.name)}</h1>
        <p>${jsxText(app.pitch)}</p>
      </header>
      <div className="stats">
        ${counts.join("\n        ")}
      </div>
${others.map((o) => `      ${o}`).join("\n")}
      <section className="panel">
        <h2>What this app does</h2>
        <ul className="plain-list">
${musts.map((f) => `          <li>\n            <strong>${jsxText(f.name)}</strong>: ${jsxText(f.description)}\n          </li>`).join("\n")}
        </ul>
      </section>
    </section>
  );
}
`;
}

function panelPage(route: RouteModel): string {
  const im = imports();
  const scope = new PageScope(im);
  const body = route.components.map((c) => usage(c, scope, undefined, route));
  const hooks = scope.hookLines();
  return `${im.render()}

/** ${route.path}: ${route.description.replace(/\*\//g, "* /")} */
export function ${route.page}() {
${hooks ? `${hooks}\n` : ""}  return (
    <section className="page">
${header(route)}
${body.map((b) => `      ${b}`).join("\n")}
    </section>
  );
}
`;
}

/** The source of the page of `route`. */
export function pageSource(route: RouteModel, app: AppModel): string {
  switch (route.kind) {
    case "dashboard": return dashboardPage(route, app);
    case "collection": return collectionPage(route);
    case "detail": return detailPage(route, app);
    default: return panelPage(route);
  }
}
