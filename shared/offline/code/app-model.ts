/** @module The model of the app the offline engine writes: records with fields and samples, routes with their page kind and components. */
import { pascalCase, plannedComponents, plannedRoutes } from "../../agents/file-plan.ts";
import type { RequirementsDoc, WireframeSpec } from "../../protocol/index.ts";
import { fieldsFor, type EntityRole, type FieldDef } from "../domain.ts";
import type { EntitySense } from "../idea.ts";
import { componentKind, entityOf, nameWords, routeWords, type ComponentKind } from "../sense.ts";
import { camelCase, hash, plural, titleCase } from "../text.ts";
import { profileOfRequirements } from "../wireframe.ts";
import { samplesFor, type SampleRow } from "./samples.ts";

/** Names the generated app declares itself (models.ts, App.tsx): a record type named so would clash ("fields" on a farm). */
const DECLARED = new Set(["Field", "FieldKind", "Identified", "App", "Layout"]);

/** The type name of the records called `name`: `fuel receipt` → `FuelReceipt`, `field` → `FieldEntry`. */
function typeName(name: string): string {
  const type = pascalCase(name, "Item");
  return DECLARED.has(type) ? `${type}Entry` : type;
}

/** Identifiers a generated page declares or imports besides its collections: a "match" record's list is no `matches`. */
const PAGE_NAMES = new Set(["matches", "visible", "query", "setQuery", "params", "record", "row", "status", "event", "formatValue", "useCollection", "useState", "useParams"]);

/** The variable holding a page's records of one kind: `clients`, `matchesList` (beside the `matches` search helper). */
export const collectionVar = (name: string) => (PAGE_NAMES.has(name) ? `${name}List` : name);

/** One record type of the generated app. */
export interface EntityModel {
  name: string;
  role: EntityRole;
  /** TypeScript type name: `Client`. */
  type: string;
  /** Collection variable and storage key: `clients`. */
  collection: string;
  /** Plural label: `Clients`. */
  label: string;
  fields: FieldDef[];
  samples: SampleRow[];
  /** The detail route's path with `:param`, when the site map has one. */
  detailPath?: string;
}

/** A component file of the app. */
export interface ComponentModel {
  name: string;
  kind: ComponentKind;
  entity: EntityModel;
}

/** One page of the app. */
export interface RouteModel {
  path: string;
  page: string;
  kind: "dashboard" | "collection" | "detail" | "panel";
  title: string;
  description: string;
  entity?: EntityModel;
  components: ComponentModel[];
  /** Shown in the navigation (top-level pages). */
  nav: boolean;
}

/** Everything the templates need. */
export interface AppModel {
  name: string;
  slug: string;
  pitch: string;
  features: RequirementsDoc["core_features"];
  theme: { primary: string; accent: string; highlight: string; surface: string; text: string };
  entities: EntityModel[];
  routes: RouteModel[];
  components: Map<string, ComponentModel>;
}

const HEX = /^#[0-9a-f]{6}$/i;
const DEFAULT_THEME = ["#2563eb", "#0f766e", "#f59e0b", "#f8fafc", "#0f172a"];
const cache = new WeakMap<WireframeSpec, Map<RequirementsDoc, AppModel>>();

/**
 * The app model of `requirements` + `wireframe`: the same for the same input
 * (memoised per pair of objects, since every file of the app is written from it).
 */
export function appModel(requirements: RequirementsDoc, wireframe: WireframeSpec): AppModel {
  let byReq = cache.get(wireframe);
  if (!byReq) cache.set(wireframe, (byReq = new Map()));
  let model = byReq.get(requirements);
  if (!model) byReq.set(requirements, (model = buildModel(requirements, wireframe)));
  return model;
}

/** `fields` with one reference field per record type the idea says `sense` refers to (a loan's book and student), in place of the role's default one. */
function withRefs(fields: FieldDef[], sense: EntitySense, senses: EntitySense[]): FieldDef[] {
  const refs = (sense.refs ?? []).filter((ref) => ref !== sense.name && senses.some((e) => e.name === ref));
  if (refs.length === 0) return fields;
  const own = fields.filter((f) => f.key !== "related");
  const refFields = refs.map((ref): FieldDef => {
    const key = camelCase(ref, "record");
    return { key: own.some((f) => f.key === key) ? `${key}Ref` : key, label: titleCase(ref), kind: "text", ref };
  });
  const at = fields[0]?.key === "related" ? 0 : 1;
  return [...own.slice(0, at), ...refFields, ...own.slice(at)];
}

function buildModel(requirements: RequirementsDoc, wireframe: WireframeSpec): AppModel {
  const profile = profileOfRequirements(requirements);
  const senses: EntitySense[] = [...profile.entities];
  const routes = plannedRoutes(wireframe);
  // A route naming a record the requirements did not (an LLM's wireframe) still gets one.
  for (const route of routes) {
    const words = routeWords(route.path);
    if (route.path !== "/" && !route.path.includes(":") && words.length === 1 && !entityOf(words, senses) && /^[a-z]{3,}$/.test(words[0]!) && senses.length < 8) {
      senses.push({ name: words[0]!, role: "generic" });
    }
  }
  const person = senses.find((e) => e.role === "person")?.name;
  const animal = senses.find((e) => e.role === "animal")?.name;
  const seed = hash(requirements.app_name);
  const entities: EntityModel[] = [];
  for (const sense of senses) {
    const fields = withRefs(fieldsFor(sense.name, sense.role, { ...(person ? { person } : {}), ...(animal ? { animal } : {}) }), sense, senses);
    const type = typeName(sense.name);
    if (entities.some((e) => e.type === type)) continue;
    entities.push({ name: sense.name, role: sense.role, type, collection: collectionVar(camelCase(plural(sense.name), "items")), label: titleCase(plural(sense.name)), fields, samples: [] });
  }
  for (const entity of entities) {
    entity.samples = samplesFor(entity, entities, seed);
  }
  const entityFor = (words: string[]) => {
    const hit = entityOf(words, entities);
    return hit ? entities.find((e) => e.name === hit.name) : undefined;
  };

  const componentEntity = new Map<string, EntityModel>();
  for (const page of wireframe.site_map) {
    const pageEntity = entityFor(routeWords(page.path));
    for (const c of page.components) {
      const name = pascalCase(c.name, "Widget");
      const own = entityFor(nameWords(name));
      if (!componentEntity.has(name)) componentEntity.set(name, own ?? pageEntity ?? entities[0]!);
    }
  }
  const components = new Map<string, ComponentModel>();
  for (const planned of plannedComponents(wireframe)) {
    components.set(planned.name, { name: planned.name, kind: componentKind(planned.name), entity: componentEntity.get(planned.name) ?? entities[0]! });
  }

  const routeModels: RouteModel[] = routes.map((route) => {
    const entity = route.path === "/" ? undefined : entityFor(routeWords(route.path));
    const kind: RouteModel["kind"] = route.path === "/" ? "dashboard" : !entity ? "panel" : route.path.includes(":") ? "detail" : "collection";
    const page = wireframe.site_map.find((p) => p.path.trim().replace(/\/$/, "") === route.path || (route.path === "/" && p.path.trim() === "/"));
    const names = [...new Set((page?.components ?? []).map((c) => pascalCase(c.name, "Widget")))].filter((name) => components.has(name));
    const words = routeWords(route.path);
    return {
      path: route.path,
      page: route.name,
      kind,
      title: route.path === "/" ? "Dashboard" : kind === "detail" ? titleCase(entity!.name) : titleCase(words.map((w) => (w === entity?.name ? plural(w) : w)).join(" ")) || "Page",
      description: route.description,
      ...(entity ? { entity } : {}),
      components: names.map((name) => components.get(name)!),
      nav: !route.path.includes(":") && !route.path.includes("*"),
    };
  });
  for (const route of routeModels) {
    if (route.kind === "detail" && route.entity && !route.entity.detailPath) route.entity.detailPath = route.path;
  }

  const colours = wireframe.theme_colors.filter((c) => HEX.test(c.trim())).map((c) => c.trim().toLowerCase());
  const theme = [...colours, ...DEFAULT_THEME.slice(colours.length)];
  return {
    name: requirements.app_name,
    slug: camelCase(requirements.app_name, "app").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).slice(0, 50) || "app",
    pitch: requirements.elevator_pitch,
    features: requirements.core_features,
    theme: { primary: theme[0]!, accent: theme[1]!, highlight: theme[2]!, surface: theme[3]!, text: theme[4]! },
    entities,
    routes: routeModels,
    components,
  };
}
