/** @module The offline engine's domain knowledge: who serves whom, what records a domain keeps, and their fields. */
import type { ProjectType } from "../agents/project-type.ts";
import { wordTable } from "./text.ts";

/** How a field is shown, edited and filled with sample data. */
export type FieldKind = "text" | "longtext" | "email" | "phone" | "date" | "time" | "money" | "number" | "status";

/** One field of a record type. */
export interface FieldDef {
  key: string;
  label: string;
  kind: FieldKind;
  /** The values of a `status` field, first one the default. */
  options?: string[];
  /** For a text field naming another record: that entity's singular name. */
  ref?: string;
}

/** What kind of thing a record is; decides its fields and the pages showing it. */
export type EntityRole = "person" | "animal" | "activity" | "money" | "item" | "work" | "content" | "group" | "generic";

/** A service provider the engine recognises, the people it serves and what it does for them. */
export interface ProviderSense {
  customer: string;
  activity: string;
}

/** Providers by singular noun (lowercase). */
export const PROVIDERS: Record<string, ProviderSense> = wordTable({
  walker: { customer: "owner", activity: "walk" },
  sitter: { customer: "owner", activity: "visit" },
  groomer: { customer: "owner", activity: "appointment" },
  vet: { customer: "owner", activity: "appointment" },
  trainer: { customer: "client", activity: "session" },
  tutor: { customer: "student", activity: "lesson" },
  teacher: { customer: "student", activity: "class" },
  instructor: { customer: "student", activity: "class" },
  coach: { customer: "athlete", activity: "session" },
  cleaner: { customer: "household", activity: "cleaning" },
  photographer: { customer: "client", activity: "shoot" },
  therapist: { customer: "client", activity: "session" },
  doctor: { customer: "patient", activity: "appointment" },
  dentist: { customer: "patient", activity: "appointment" },
  clinic: { customer: "patient", activity: "appointment" },
  landlord: { customer: "tenant", activity: "viewing" },
  plumber: { customer: "homeowner", activity: "job" },
  electrician: { customer: "homeowner", activity: "job" },
  handyman: { customer: "homeowner", activity: "job" },
  contractor: { customer: "homeowner", activity: "job" },
  gardener: { customer: "homeowner", activity: "visit" },
  landscaper: { customer: "homeowner", activity: "visit" },
  mechanic: { customer: "driver", activity: "repair" },
  freelancer: { customer: "client", activity: "project" },
  consultant: { customer: "client", activity: "project" },
  designer: { customer: "client", activity: "project" },
  agency: { customer: "client", activity: "project" },
  stylist: { customer: "client", activity: "appointment" },
  barber: { customer: "client", activity: "appointment" },
  hairdresser: { customer: "client", activity: "appointment" },
  salon: { customer: "client", activity: "appointment" },
  musician: { customer: "fan", activity: "gig" },
  band: { customer: "fan", activity: "gig" },
  driver: { customer: "passenger", activity: "ride" },
  restaurant: { customer: "guest", activity: "reservation" },
  cafe: { customer: "guest", activity: "reservation" },
  organizer: { customer: "attendee", activity: "event" },
  organiser: { customer: "attendee", activity: "event" },
  farmer: { customer: "buyer", activity: "delivery" },
  nanny: { customer: "family", activity: "shift" },
  babysitter: { customer: "family", activity: "shift" },
  caterer: { customer: "client", activity: "event" },
  mover: { customer: "client", activity: "move" },
});

/** Nouns the engine knows as record types, by singular. */
export const ENTITY_ROLES: Record<string, EntityRole> = wordTable(Object.fromEntries([
  ...["client", "customer", "contact", "owner", "student", "patient", "tenant", "member", "donor", "volunteer", "attendee", "guest", "athlete", "family", "household", "homeowner", "lead", "employee", "user", "candidate", "passenger", "fan", "buyer", "seller", "host", "subscriber", "friend", "parent", "player", "tutor", "teacher", "provider", "vendor", "supplier", "technician", "neighbour", "renter", "traveler", "traveller", "driver", "instructor", "artist", "speaker", "coach", "nurse", "doctor", "pupil", "scout", "swimmer", "referee", "actor", "adopter", "caregiver", "gardener", "reporter", "editor", "cook", "climber", "setter", "rower", "installer", "foster", "skier", "child", "researcher", "sponsor", "agent", "staff", "vet", "veterinarian", "deceased"].map((w) => [w, "person"]),
  ...["dog", "cat", "pet", "horse", "animal", "bird", "rabbit", "puppy", "goat", "sheep", "cow", "chicken", "pig", "fish"].map((w) => [w, "animal"]),
  ...["walk", "visit", "appointment", "session", "lesson", "class", "shoot", "booking", "reservation", "shift", "event", "job", "ride", "gig", "viewing", "cleaning", "delivery", "repair", "meeting", "workout", "trip", "move", "training", "rehearsal", "match", "game", "loan", "rental", "inspection", "harvest", "hike", "screening", "pickup", "wash", "fitting", "outing", "crossing", "regatta", "adoption", "vaccination", "treatment", "pruning", "camp", "tournament", "exhibition", "talk", "checkup", "check", "catch"].map((w) => [w, "activity"]),
  ...["invoice", "payment", "order", "transaction", "expense", "donation", "subscription", "payout", "bill", "quote", "sale", "purchase", "receipt", "fee", "membership", "fine", "refund", "deposit"].map((w) => [w, "money"]),
  ...["product", "item", "listing", "service", "plant", "book", "car", "bike", "record", "ingredient", "medication", "asset", "equipment", "room", "property", "vehicle", "album", "wine", "card", "deck", "gear", "budget", "account", "van", "truck", "boat", "tool", "machine", "laptop", "desk", "bed", "seat", "plot", "shelf", "pallet", "instrument", "hive", "tree", "lure", "yarn", "needle", "costume", "sensor", "chemical", "material", "part", "vessel", "microscope", "space", "garment", "supply", "medicine", "lane", "unit", "building", "menu", "dish", "trail", "license", "permit", "artwork", "film", "mooring"].map((w) => [w, "item"]),
  ...["task", "todo", "ticket", "deal", "project", "goal", "habit", "issue", "bug", "chore", "reminder", "application"].map((w) => [w, "work"]),
  ...["post", "article", "note", "recipe", "message", "review", "comment", "photo", "song", "story", "page", "document", "course", "video", "episode", "journal", "entry", "question", "thread"].map((w) => [w, "content"]),
  ...["team", "group", "club", "campaign", "category", "playlist", "collection", "channel", "community", "crew", "department", "ward"].map((w) => [w, "group"]),
]));

/** Words the engine does not know as records, read by their ending: `instructor`, `caregiver`, `florist` are people. */
const PERSON_ENDING = /(?:[^e]er|or|ist|ian|ee|ant|ent)$/;
const NOT_PERSON = new Set("order offer paper poster folder container trailer timer sticker charger printer computer heater boiler flyer letter filter counter answer layer number border corner member monitor sensor factor door floor mirror color colour event agent moment comment document payment shipment equipment assignment appointment apartment instrument element statement treatment garment measurement installation".split(" "));

/** The role of a record type named by the idea: known nouns by their role, unknown people by their ending, anything else generic. Two-word names take their head's. */
export function roleOf(name: string): EntityRole {
  const head = name.split(" ").at(-1)!;
  const known = ENTITY_ROLES[name] ?? ENTITY_ROLES[head];
  if (known) return known;
  return PERSON_ENDING.test(head) && !NOT_PERSON.has(head) ? "person" : "generic";
}

/** The records a kind of app keeps when the idea names none: [customer-ish, activity-ish, money-ish or item]. */
export const TYPE_ENTITIES: Record<ProjectType, string[]> = {
  crm: ["client", "meeting", "invoice"],
  booking: ["customer", "appointment", "service"],
  ecommerce: ["product", "order", "customer"],
  marketplace: ["listing", "booking", "review"],
  social: ["post", "member", "message"],
  education: ["course", "lesson", "student"],
  fintech: ["transaction", "budget", "account"],
  health: ["entry", "goal", "workout"],
  content: ["post", "category", "subscriber"],
  operations: ["item", "order", "location"],
  nonprofit: ["campaign", "donation", "volunteer"],
  productivity: ["task", "project", "note"],
  saas: ["project", "member", "report"],
};

/** The people of a kind of app when the idea names none: [who runs it, who it serves]. */
export const TYPE_PEOPLE: Record<ProjectType, [string, string]> = {
  crm: ["small business owner", "client"],
  booking: ["business owner", "customer"],
  ecommerce: ["shop owner", "shopper"],
  marketplace: ["seller", "buyer"],
  social: ["community member", "moderator"],
  education: ["teacher", "learner"],
  fintech: ["household budgeter", "accountant"],
  health: ["person building a habit", "coach"],
  content: ["writer", "reader"],
  operations: ["operations manager", "staff member"],
  nonprofit: ["nonprofit coordinator", "donor"],
  productivity: ["busy professional", "teammate"],
  saas: ["team lead", "team member"],
};

/** Words that never name the app's records (verbs, fillers, platforms). */
export const GENERIC_WORDS = new Set(
  ("schedule calendar chart charts list lists report reports feature features app application platform tool tools website site web mobile simple easy small local online digital smart new best better good great my our your their " +
    "track tracker tracking manage manager management organize organise organizer help helps make build create want need way system software " +
    "based using use people everyone anyone thing things stuff something idea like also just very really all some any each every one two " +
    "crm saas lms erp hub portal dashboard service services business businesses company companies startup who what which where when how can will would could should " +
    "para pour für per voor und und der die das les des une uno una con mit avec con el la los las le de del du").split(" "),
);

/** Typical status values of each role's status field. */
const STATUS: Record<EntityRole, string[]> = {
  person: ["Active", "New", "Paused"],
  animal: ["Active", "Needs care", "Inactive"],
  activity: ["Scheduled", "Completed", "Cancelled"],
  money: ["Due", "Paid", "Overdue"],
  item: ["Available", "Low stock", "Archived"],
  work: ["To do", "In progress", "Done"],
  content: ["Draft", "Published", "Archived"],
  group: ["Active", "Planned", "Archived"],
  generic: ["Active", "Planned", "Archived"],
};

/** The fields of a record type: by role, with the related person or asset named where the domain has one. */
export function fieldsFor(entity: string, role: EntityRole, relations: { person?: string; animal?: string }): FieldDef[] {
  const status = (label = "Status"): FieldDef => ({ key: "status", label, kind: "status", options: STATUS[role] });
  const ref = (name: string | undefined, fallback: string): FieldDef =>
    name ? { key: "related", label: name[0]!.toUpperCase() + name.slice(1), kind: "text", ref: name } : { key: "related", label: fallback, kind: "text" };
  switch (role) {
    case "person":
      return [
        { key: "name", label: "Name", kind: "text" },
        { key: "email", label: "Email", kind: "email" },
        { key: "phone", label: "Phone", kind: "phone" },
        ...(relations.animal && entity !== relations.animal ? [{ key: "pets", label: `${relations.animal[0]!.toUpperCase()}${relations.animal.slice(1)}s`, kind: "text" as const }] : []),
        status(),
      ];
    case "animal":
      return [
        { key: "name", label: "Name", kind: "text" },
        { key: "breed", label: entity === "pet" || entity === "animal" ? "Species" : "Breed", kind: "text" },
        ref(relations.person, "Owner"),
        { key: "notes", label: "Care notes", kind: "longtext" },
      ];
    case "activity":
      return [
        ref(relations.animal ?? relations.person, "With"),
        { key: "date", label: "Date", kind: "date" },
        { key: "time", label: "Time", kind: "time" },
        { key: "duration", label: "Minutes", kind: "number" },
        status(),
      ];
    case "money":
      return [
        { key: "number", label: "Number", kind: "text" },
        ref(relations.person, "Customer"),
        { key: "date", label: "Date", kind: "date" },
        { key: "amount", label: "Amount", kind: "money" },
        status(),
      ];
    case "item":
      return [
        { key: "name", label: "Name", kind: "text" },
        { key: "category", label: "Category", kind: "text" },
        { key: "price", label: "Price", kind: "money" },
        { key: "quantity", label: "Quantity", kind: "number" },
        status(),
      ];
    case "work":
      return [
        { key: "title", label: "Title", kind: "text" },
        ref(relations.person, "Owner"),
        { key: "date", label: "Due", kind: "date" },
        { key: "priority", label: "Priority", kind: "status", options: ["Medium", "High", "Low"] },
        status(),
      ];
    case "content":
      return [
        { key: "title", label: "Title", kind: "text" },
        { key: "author", label: "Author", kind: "text" },
        { key: "date", label: "Date", kind: "date" },
        { key: "body", label: "Text", kind: "longtext" },
        status(),
      ];
    case "group":
      return [
        { key: "name", label: "Name", kind: "text" },
        { key: "description", label: "Description", kind: "longtext" },
        { key: "members", label: "Members", kind: "number" },
        status(),
      ];
    default:
      return [
        { key: "name", label: "Name", kind: "text" },
        { key: "date", label: "Date", kind: "date" },
        { key: "notes", label: "Notes", kind: "longtext" },
        status(),
      ];
  }
}

/** Brand colours by kind of app: primary, accent, highlight, surface, text. */
export const PALETTES: Record<ProjectType | "animal", string[]> = {
  crm: ["#2563eb", "#0f766e", "#f59e0b", "#f8fafc", "#0f172a"],
  booking: ["#7c3aed", "#0891b2", "#f97316", "#faf5ff", "#1e1b4b"],
  ecommerce: ["#ea580c", "#1d4ed8", "#facc15", "#fffbf5", "#1c1917"],
  marketplace: ["#0d9488", "#9333ea", "#f43f5e", "#f0fdfa", "#134e4a"],
  social: ["#db2777", "#6366f1", "#22d3ee", "#fdf2f8", "#1f2937"],
  education: ["#4f46e5", "#16a34a", "#f59e0b", "#eef2ff", "#111827"],
  fintech: ["#047857", "#1e3a8a", "#eab308", "#f0fdf4", "#0b1324"],
  health: ["#16a34a", "#0ea5e9", "#f97316", "#f0fdf4", "#14532d"],
  content: ["#b91c1c", "#334155", "#f59e0b", "#fffaf0", "#1f2937"],
  operations: ["#475569", "#0284c7", "#f59e0b", "#f8fafc", "#0f172a"],
  nonprofit: ["#0f766e", "#e11d48", "#fbbf24", "#f0fdfa", "#042f2e"],
  productivity: ["#2563eb", "#7c3aed", "#10b981", "#f8fafc", "#111827"],
  saas: ["#4338ca", "#0891b2", "#f43f5e", "#f8fafc", "#0f172a"],
  animal: ["#b45309", "#0f766e", "#2563eb", "#fffbeb", "#292524"],
};
