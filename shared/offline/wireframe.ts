/** @module The offline wireframe agent: a site map from the requirements, built on the retrieved architecture patterns. */
import type { RetrievedPattern, WireframeInput } from "../agents/types.ts";
import type { Component, PageRoute, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { PALETTES } from "./domain.ts";
import { analyseIdea, type EntitySense, type IdeaProfile } from "./idea.ts";
import { componentKind, entityOf, nameWords, routeWords, type ComponentKind } from "./sense.ts";
import { plural, titleCase } from "./text.ts";
import { pascalCase } from "../agents/file-plan.ts";

/** The profile of an app as its requirements describe it (names, personas and must/should features). */
export function profileOfRequirements(requirements: RequirementsDoc): IdeaProfile {
  const text = [
    requirements.app_name,
    ...requirements.target_audience.slice(0, 1).map((persona) => `for ${persona.role}.`),
    ...requirements.core_features.filter((f) => f.priority !== "nice-to-have" && !/^Core: /.test(f.name)).map((f) => `${f.name}.`),
  ].join(" ");
  const profile = analyseIdea(text);
  return { ...profile, name: requirements.app_name };
}

/** The props a component of each kind takes in the generated code. */
export const KIND_PROPS: Record<ComponentKind, (entity: string) => string[]> = {
  table: () => ["rows", "onRemove"],
  card: (entity) => [entity],
  form: () => ["onAdd"],
  calendar: () => ["rows"],
  badge: () => ["status"],
  stat: () => ["label", "value"],
  panel: () => ["title", "children"],
};

const PERSON_WORDS = /^(Client|Contact|Customer|Patient|Member|Student|Guest|Tenant)/;
const ACTIVITY_WORDS = /(Visit|Appointment|Session|Booking|Lesson|Meeting|Event|Job)/;
const ASSET_WORDS = /(Pet|Asset)/;

/** A pattern's component renamed to the domain: `VisitForm` → `WalkForm` for a dog walkers' CRM. */
function adaptName(name: string, profile: IdeaProfile): string {
  const by = (role: EntitySense["role"]) => profile.entities.find((e) => e.role === role);
  let out = pascalCase(name, "Widget");
  const activity = by("activity");
  const person = by("person");
  const animal = by("animal");
  if (activity) out = out.replace(ACTIVITY_WORDS, pascalCase(activity.name));
  if (person) out = out.replace(PERSON_WORDS, pascalCase(person.name));
  if (animal) out = out.replace(ASSET_WORDS, pascalCase(animal.name));
  return out;
}

function component(name: string, entity: EntitySense | undefined, profile: IdeaProfile): Component {
  const kind = componentKind(name);
  const children: string[] = [];
  return { name, props: KIND_PROPS[kind](entity?.name ?? profile.entities[0]?.name ?? "item"), children };
}

/** The route of `entity`'s list page, as a pattern or the engine names it. */
const listPath = (entity: EntitySense) => `/${plural(entity.name)}`;

/**
 * Designs the site map: the dashboard, the best pattern's pages (renamed to
 * the domain, e.g. /clients, /schedule, /invoices for a service CRM), pages for
 * records the patterns do not cover (/dogs), detail pages for people, and on
 * each page the pattern's components that belong there plus a table, form or
 * card for its records. Without patterns, the pages come from the records alone.
 * @example offlineWireframe({ requirements, project_type: "crm", patterns }).site_map.map((p) => p.path)
 */
export function offlineWireframe(input: WireframeInput): WireframeSpec {
  const profile = profileOfRequirements(input.requirements);
  const patterns = [...input.patterns].sort((a, b) => score(b) - score(a));
  const [best, second] = patterns;
  const pages: { path: string; description: string; entity?: EntitySense; from?: string }[] = [];
  const has = (path: string) => pages.some((page) => page.path === path);
  const covered = (entity: EntitySense) => pages.some((page) => page.entity?.name === entity.name && !page.path.includes(":"));

  const activity = profile.entities.find((e) => e.role === "activity");
  pages.push({ path: "/", description: `Dashboard of ${input.requirements.app_name}: ${activity ? `today's ${plural(activity.name)}, ` : ""}counts of ${profile.entities.map((e) => plural(e.name)).join(", ")} and what needs attention.` });
  for (const pattern of [best, second]) {
    if (!pattern) continue;
    for (const page of pattern.metadata.pages ?? []) {
      let path = page.path.trim();
      if (!path.startsWith("/") || path === "/") continue;
      const entity = entityOf(routeWords(path), profile.entities);
      // The second pattern only adds pages for records the first one lacks.
      if (pattern === second && (!entity || covered(entity))) continue;
      const person = profile.entities.find((e) => e.role === "person");
      const first = path.split("/")[1] ?? "";
      if (person && PERSON_WORDS.test(titleCase(first)) && first !== plural(person.name)) path = path.replace(`/${first}`, `/${plural(person.name)}`);
      if (has(path)) continue;
      pages.push({ path, description: `${capitalised(page.purpose)} (from the "${pattern.metadata.name}" pattern)`, ...(entity ? { entity } : {}), from: pattern.metadata.name });
    }
  }
  for (const entity of profile.entities) {
    if (covered(entity)) continue;
    pages.push({ path: listPath(entity), description: `${titleCase(plural(entity.name))}: list, search, add and remove.`, entity });
    if (entity.role === "person" && entity === profile.entities[0]) pages.push({ path: `${listPath(entity)}/:id`, description: `One ${entity.name}: details and history.`, entity });
  }

  // Components: the patterns' (renamed), each on the page of its record, then a default per page.
  const patternComponents = [...(best?.metadata.components ?? []), ...(second?.metadata.components ?? [])].map((name) => adaptName(name, profile));
  const onPage = new Map<string, Component[]>(pages.map((page) => [page.path, []]));
  const place = (path: string, name: string, entity: EntitySense | undefined) => {
    const list = onPage.get(path)!;
    if (!list.some((c) => c.name === name)) list.push(component(name, entity, profile));
  };
  for (const name of [...new Set(patternComponents)]) {
    const kind = componentKind(name);
    const entity = entityOf(nameWords(name), profile.entities) ?? (kind === "calendar" ? activity : undefined);
    const target =
      pages.find((page) => page.path !== "/" && entity && page.entity?.name === entity.name && (kind === "card") === page.path.includes(":"))
      ?? pages.find((page) => page.path !== "/" && entity && page.entity?.name === entity.name)
      ?? (kind === "stat" ? pages[0] : undefined)
      ?? (kind === "badge" ? pages.find((page) => page.entity?.role === "money") : undefined);
    if (target) place(target.path, name, target.entity ?? entity);
  }
  for (const page of pages) {
    const list = onPage.get(page.path)!;
    const entity = page.entity;
    if (page.path === "/") {
      if (!list.some((c) => componentKind(c.name) === "stat")) place("/", "StatCard", undefined);
      if (activity) place("/", `${pascalCase(activity.name)}Agenda`, activity);
      continue;
    }
    if (!entity) {
      if (list.length === 0) place(page.path, `${pascalCase(routeWords(page.path).join(" "), "Section")}Panel`, undefined);
      continue;
    }
    const kinds = new Set(list.map((c) => componentKind(c.name)));
    const name = pascalCase(entity.name);
    if (page.path.includes(":")) {
      if (!kinds.has("card")) place(page.path, `${name}Card`, entity);
    } else {
      if (entity.role === "activity" && !kinds.has("calendar")) place(page.path, `${name}Calendar`, entity);
      if (!kinds.has("table") && entity.role !== "activity") place(page.path, `${name}Table`, entity);
      if (!kinds.has("form")) place(page.path, `${name}Form`, entity);
    }
  }
  const site_map: PageRoute[] = pages.map((page) => ({ path: page.path, description: page.description, components: onPage.get(page.path)! }));
  const animal = profile.entities.some((e) => e.role === "animal");
  return {
    site_map,
    global_state_needs: [
      ...profile.entities.map((e) => `${plural(e.name)}: one shared list (read by ${pages.filter((p) => p.entity?.name === e.name).map((p) => p.path).join(", ") || "the dashboard"})`),
      "signed-in user (Supabase Auth session)",
      ...(best ? [`built on the "${best.metadata.name}" pattern${second ? ` and "${second.metadata.name}"` : ""} (offline engine)`] : ["designed by the offline engine without a reference pattern"]),
    ],
    theme_colors: PALETTES[animal ? "animal" : profile.type] ?? PALETTES.saas,
  };
}

const capitalised = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);
const score = (pattern: RetrievedPattern) => (pattern.similarity ?? 0.5) * (pattern.success_score ?? 0.8);
