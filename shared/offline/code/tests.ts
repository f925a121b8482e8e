/** @module Templates of the generated app's Vitest + Testing Library tests (`test_generation`): every route renders, lists show their rows, forms add, search filters, navigation reaches every page. */
import type { AppModel, EntityModel, RouteModel } from "./app-model.ts";
import { importLines, str, titleField } from "./names.ts";

export const testSetupTs = () => `import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Each test starts from an empty page and the sample data (records are kept in localStorage).
afterEach(() => {
  cleanup();
  localStorage.clear();
});
`;

export const testRenderTsx = () => `import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { App } from "../App";

/** Renders the whole app (layout and router) at \`path\`. */
export function renderRoute(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}
`;

/** The path of `route` with every `:param` filled with the first sample's id (detail pages), or undefined when it cannot be visited. */
function visitPath(route: RouteModel): string | undefined {
  if (route.path.includes("*")) return undefined;
  const id = route.entity?.samples[0]?.id;
  if (route.path.includes(":") && id === undefined) return undefined;
  return route.path.replace(/:[A-Za-z0-9_]+/g, String(id));
}

/** The text of the page's `<h1>` once rendered at `visitPath(route)`. */
function heading(route: RouteModel, app: AppModel): string {
  if (route.kind === "dashboard") return app.name;
  if (route.kind === "detail") return String(route.entity!.samples[0]![titleField(route.entity!).key]);
  return route.title;
}

const headingCheck = (text: string) => `expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(${str(text)});`;

/** The text of the title field of each sample of `entity`, when it is shown as is. */
function sampleTitles(entity: EntityModel): string[] {
  const head = titleField(entity);
  return head.kind === "text" ? entity.samples.map((row) => String(row[head.key])) : [];
}

/** A sample whose title no other sample contains in any field, and another sample: what a search must keep and drop. */
function searchPair(entity: EntityModel): { keep: string; drop: string } | undefined {
  const head = titleField(entity);
  if (head.kind !== "text") return undefined;
  for (const row of entity.samples) {
    const keep = String(row[head.key]);
    const others = entity.samples.filter((other) => other !== row);
    if (keep.trim() === "" || others.some((other) => Object.values(other).some((value) => String(value).toLowerCase().includes(keep.toLowerCase())))) continue;
    const drop = others.find((other) => String(other[head.key]) !== "" && !keep.includes(String(other[head.key])));
    if (drop) return { keep, drop: String(drop[head.key]) };
  }
  return undefined;
}

function rowsTest(route: RouteModel): string[] {
  const titles = sampleTitles(route.entity!);
  if (titles.length === 0) return [];
  return [`  it(${str(`shows the sample ${route.entity!.label.toLowerCase()}`)}, () => {
    renderRoute(${str(route.path)});
    for (const title of ${JSON.stringify([...new Set(titles)])}) {
      expect(screen.getAllByText(title).length).toBeGreaterThan(0);
    }
  });`];
}

function formTests(route: RouteModel): string[] {
  const e = route.entity!;
  const head = titleField(e);
  if (head.kind !== "text" || !route.components.some((c) => c.kind === "form" && c.entity === e)) return [];
  const texts = e.fields.filter((f) => f.kind === "text");
  const value = `A new ${e.name} from the test`;
  return [`  it(${str(`adds a ${e.name} with the form`)}, () => {
    renderRoute(${str(route.path)});
    const form = within(screen.getAllByRole("form", { name: ${str(`Add a ${e.name}`)} })[0]!);
${texts.map((f) => `    fireEvent.change(form.getByLabelText(${str(f.label)}), { target: { value: ${str(f.key === head.key ? value : `Test ${f.label}`)} } });`).join("\n")}
    fireEvent.click(form.getByRole("button", { name: ${str(`Add ${e.name}`)} }));
    expect(screen.getAllByText(${str(value)}).length).toBeGreaterThan(0);
  });`];
}

function searchTests(route: RouteModel): string[] {
  const e = route.entity!;
  const searchable = route.components.some((c) => c.entity === e && (c.kind === "table" || c.kind === "card"));
  const pair = searchable ? searchPair(e) : undefined;
  if (!pair) return [];
  return [`  it(${str(`filters ${e.label.toLowerCase()} by search`)}, () => {
    renderRoute(${str(route.path)});
    const before = screen.queryAllByText(${str(pair.drop)}).length;
    fireEvent.change(screen.getByRole("searchbox", { name: ${str(`Search ${e.label.toLowerCase()}`)} }), { target: { value: ${str(pair.keep)} } });
    expect(screen.getAllByText(${str(pair.keep)}).length).toBeGreaterThan(0);
    expect(screen.queryAllByText(${str(pair.drop)}).length).toBeLessThan(before);
  });`];
}

/**
 * The test file beside the page of `route`: it renders at its path with its
 * heading; a record list also shows its samples, adds one with its form and
 * filters by search (each where the page has them).
 */
export function pageTestSource(route: RouteModel, app: AppModel): string {
  const path = visitPath(route);
  const tests: string[] = [];
  if (path !== undefined) {
    tests.push(`  it(${str(`renders at ${path}`)}, () => {
    renderRoute(${str(path)});
    ${headingCheck(heading(route, app))}
  });`);
  }
  if (route.kind === "collection") tests.push(...rowsTest(route), ...formTests(route), ...searchTests(route));
  const body = tests.join("\n\n");
  const rtl = ["screen", ...(body.includes("fireEvent") ? ["fireEvent"] : []), ...(body.includes("within(") ? ["within"] : [])];
  const imports = new Map<string, Set<string>>([
    ["@testing-library/react", new Set(rtl)],
    ["vitest", new Set(["describe", "expect", "it"])],
    ["../test/render", new Set(["renderRoute"])],
  ]);
  if (tests.length === 0) {
    return `import { describe, expect, it } from "vitest";
import { ${route.page} } from "./${route.page}";

describe(${str(route.path)}, () => {
  it("exports its page", () => {
    expect(typeof ${route.page}).toBe("function");
  });
});
`;
  }
  return `${importLines(imports)}

describe(${str(route.path)}, () => {
${body}
});
`;
}

/** The app-level test: every top-level page is reached through the navigation, and an unknown path shows the not-found page. */
export function appTestSource(app: AppModel): string {
  const nav = app.routes.filter((r) => r.nav);
  return `import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderRoute } from "./test/render";

/** Each navigation link in order: where it goes and the heading of the page it opens. */
const pages = ${JSON.stringify(nav.map((r) => ({ path: r.path, heading: heading(r, app) })), null, 2).replace(/"(path|heading)":/g, "$1:")};

describe("navigation", () => {
  it("links to every top-level page, and each opens", () => {
    renderRoute("/");
    const links = () => within(screen.getByRole("navigation", { name: "Main" })).getAllByRole("link");
    expect(links().map((link: HTMLElement) => link.getAttribute("href"))).toEqual(pages.map((page) => page.path));
    pages.forEach((page, index) => {
      fireEvent.click(links()[index]!);
      expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(page.heading);
    });
  });

  it("shows the not-found page for an unknown path", () => {
    renderRoute("/no-such-page");
    ${headingCheck("Page not found")}
  });
});
`;
}
