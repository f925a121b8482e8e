/** @module The offline wireframe agent: a site map from the requirements, built on the retrieved architecture patterns. */
import type { RetrievedPattern, WireframeInput } from "../agents/types.ts";
import type { Component, PageRoute, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import { PALETTES, roleOf } from "./domain.ts";
import { analyseIdea, type EntitySense, type IdeaProfile } from "./idea.ts";
import { componentKind, entityOf, nameWords, routeWords, type ComponentKind } from "./sense.ts";
import { plural, singular, titleCase } from "./text.ts";
import { pascalCase } from "../agents/file-plan.ts";

/** Feature names the offline research agent gives each record type, by role: "Van catalogue", "Fuel Receipts and payments". */
const FEATURE_ROLE: [RegExp, EntitySense["role"]][] = [
  [/^(.+?) directory$/i, "person"], [/^(.+?) profiles$/i, "animal"], [/^(.+?) scheduling$/i, "activity"], [/^(.+?) and payments$/i, "money"],
  [/^(.+?) catalogue$/i, "item"], [/^(.+?) board$/i, "work"], [/^(.+?) editor$/i, "content"], [/^(.+?) management$/i, "group"], [/^(.+?) (?:list|records)$/i, "generic"],
];
const REFERS = /Each ([a-z][a-z ]*?) refers to (.+?)\./;

/** The record types the requirements' features are about, with their references; empty when the features do not follow the engine's naming (an LLM's). */
function entitiesOfFeatures(requirements: RequirementsDoc): EntitySense[] {
  const out: EntitySense[] = [];
  for (const feature of requirements.core_features) {
    const hit = FEATURE_ROLE.map(([pattern, role]) => [pattern.exec(feature.name.trim())?.[1], role] as const).find(([name]) => name);
    if (!hit || /^Core: /.test(feature.name)) continue;
    const words = hit[0]!.toLowerCase().split(/\s+/);
    const name = [...words.slice(0, -1), singular(words.at(-1)!)].join(" ");
    const refers = REFERS.exec(feature.description);
    const refs = refers?.[1] === name ? refers[2]!.split(/,\s*|\s+and\s+/).map((r) => r.replace(/^an? /, "").trim()).filter(Boolean) : [];
    if (!out.some((e) => e.name === name)) out.push({ name, role: hit[1], ...(refs.length ? { refs } : {}) });
  }
  return out;
}

/** The profile of an app as its requirements describe it: the records its features name (as the engine writes them), else what its names, personas and must/should features say. */
export function profileOfRequirements(requirements: RequirementsDoc): IdeaProfile {
  const text = [
    requirements.app_name,
    ...requirements.target_audience.slice(0, 1).map((persona) => `for ${persona.role}.`),
    ...requirements.core_features.filter((f) => f.priority !== "nice-to-have" && !/^Core: /.test(f.name)).map((f) => `${f.name}.`),
  ].join(" ");
  const profile = analyseIdea(text);
  const named = entitiesOfFeatures(requirements);
  return { ...profile, ...(named.length ? { entities: named, listed: true } : {}), name: requirements.app_name };
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
export const listPath = (entity: { name: string }) => `/${plural(entity.name).replace(/\s+/g, "-")}`;

/**
 * The list page of the requirements' record `name` as the engine designs it (a table, or a calendar
 * for an activity, and a form), for a site map that lacks it.
 * @example entityListPage(requirements, "fuel receipt").path // "/fuel-receipts"
 */
export function entityListPage(requirements: RequirementsDoc, name: string): PageRoute {
  const profile = profileOfRequirements(requirements);
  const entity = profile.entities.find((e) => e.name === name) ?? { name, role: roleOf(name) };
  const type = pascalCase(entity.name);
  const names = [entity.role === "activity" ? `${type}Calendar` : `${type}Table`, `${type}Form`];
  return { path: listPath(entity), description: `${titleCase(plural(entity.name))}: list, search, add and remove.`, components: names.map((n) => component(n, entity, profile)) };
}

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
  // A pattern's page is taken only for a record the requirements have, under that record's own name (its /schedule becomes /walks).
  for (const pattern of [best, second]) {
    if (!pattern) continue;
    for (const page of pattern.metadata.pages ?? []) {
      const source = page.path.trim();
      if (!source.startsWith("/") || source === "/") continue;
      const entity = entityOf(routeWords(source), profile.entities);
      if (!entity || (pattern === second && covered(entity))) continue;
      const path = source.includes(":") ? `${listPath(entity)}/:id` : listPath(entity);
      if (has(path)) continue;
      pages.push({ path, description: `${titleCase(plural(entity.name))}: ${page.purpose} (from the "${pattern.metadata.name}" pattern)`, entity, from: pattern.metadata.name });
    }
  }
  for (const entity of profile.entities) {
    if (covered(entity)) continue;
    pages.push({ path: listPath(entity), description: `${titleCase(plural(entity.name))}: list, search, add and remove.`, entity });
    if (entity.role === "person" && entity === profile.entities[0]) pages.push({ path: `${listPath(entity)}/:id`, description: `One ${entity.name}: details and history.`, entity });
  }

  // Components: the patterns' (renamed), each on the page of its record, then a default per page.
  const used = [...new Set(pages.flatMap((page) => (page.from ? [page.from] : [])))];
  const patternComponents = [best, second].filter((p) => p && used.includes(p.metadata.name)).flatMap((p) => p!.metadata.components ?? []).map((name) => adaptName(name, profile));
  const onPage = new Map<string, Component[]>(pages.map((page) => [page.path, []]));
  // One file per component: names that differ only in case ("CheckoutForm" of a pattern, "CheckOutForm" of a
  // "check out" record) would be two files a case-insensitive file system and the type checker take for one.
  const files = new Map<string, string>();
  const place = (path: string, wanted: string, entity: EntitySense | undefined) => {
    const clash = (name: string) => files.has(name.toLowerCase()) && files.get(name.toLowerCase()) !== name;
    const name = clash(wanted) && entity ? wanted.replace(pascalCase(entity.name), pascalCase(plural(entity.name))) : wanted;
    const list = onPage.get(path)!;
    if (clash(name) || list.some((c) => c.name === name)) return;
    list.push(component(name, entity, profile));
    files.set(name.toLowerCase(), name);
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
      ...(used.length ? [`built on the ${used.map((name) => `"${name}"`).join(" and ")} pattern${used.length > 1 ? "s" : ""} (offline engine)`] : ["designed by the offline engine without a reference pattern"]),
    ],
    theme_colors: PALETTES[animal ? "animal" : profile.type] ?? PALETTES.saas,
  };
}

const score = (pattern: RetrievedPattern) => (pattern.similarity ?? 0.5) * (pattern.success_score ?? 0.8);
