/** @module Reads an idea the way the offline engine understands it: kind of app, people, records and a name. */
import { classifyProjectType, projectTypeScores, type ProjectType } from "../agents/project-type.ts";
import { words as contentWords } from "../embeddings/feature-hashing.ts";
import { recordsNamed } from "./record-model.ts";
import { readerText } from "./spelling.ts";
import { isFunctionWord } from "./idea-tagger.ts";
import { ENTITY_ROLES, roleOf, GENERIC_WORDS, PROVIDERS, TYPE_ENTITIES, TYPE_PEOPLE, type EntityRole, type ProviderSense } from "./domain.ts";
import { clip, emojiToWords, singular, titleCase, wordTable } from "./text.ts";

/** A record type the app keeps. */
export interface EntitySense {
  /** Lowercase singular, one or two words: `van`, `fuel receipt`. */
  name: string;
  role: EntityRole;
  /** The record types each of these records refers to ("loans of books to students": a loan refers to a book and a student). */
  refs?: string[];
}

/** What the engine made of an idea. */
export interface IdeaProfile {
  /** Singular content words of the idea (and answers), emoji read as words. */
  words: string[];
  type: ProjectType;
  /** True when no word said which kind of app it is (so `type` is the default). */
  typeGuessed: boolean;
  /** The service provider the idea is for (`walker`), and its sense. */
  provider?: { noun: string; sense: ProviderSense };
  /** A word that qualifies the provider (`dog` in "dog walkers"). */
  qualifier?: string;
  /** Who runs the app and who it serves, as persona roles (`dog walker`, `dog owner`). */
  people: { primary: string; secondary: string };
  /** The records the app keeps: the ones the idea lists, as it names them (at most 8), else the domain's, most central first (at most 5). */
  entities: EntitySense[];
  /** True when the entities are the ones the idea lists by name. */
  listed: boolean;
  /** The app's name. */
  name: string;
}

const FOR = /(?:^|\s)(?:for|para|pour|für|per|voor)\s+(.+?)(?=[,.;:!?()]|\s+(?:to|who|that|which|with|and|so|in|on|at|where|when|between|from|near|around|across|by|of|que|qui|die)\b|$)/i;
/** Words that are not things: prepositions, adjectives and verb forms the engine should not take for records. */
const NOT_A_THING = /(ing|ly|al|ful|ous|ive|ic|able|ed)$/;
const PREPOSITIONS = new Set("between among around near from into without about over under after before across through during against toward towards".split(" "));
const ACRONYMS = new Set(["crm", "lms", "erp", "hr", "ai", "saas", "cms", "b2b", "seo", "api"]);
const ANIMALS = new Set(Object.entries(ENTITY_ROLES).filter(([, role]) => role === "animal").map(([word]) => word));
const MONEY_HINTS = ["invoice", "billing", "bill", "pay", "payment", "price", "pricing", "charge", "fee", "money", "revenue"];

const word = (text: string) => (ACRONYMS.has(text) ? text.toUpperCase() : titleCase(text));

/**
 * Analyses `idea` (plus clarification answers): deterministic, any language,
 * never empty. Domain words it knows (providers, records) shape the result;
 * other words still name the app and its records.
 * @example analyseIdea("A CRM for dog walkers").entities.map((e) => e.name) // ["client", "dog", "walk", "invoice"]
 */
export function analyseIdea(idea: string, answers: string[] = []): IdeaProfile {
  const written = readerText(idea);
  const raw = written.replace(/\s+/g, " ").trim();
  const text = [raw, ...answers.map(emojiToWords)].join(". ");
  // Each word stays the user's own: "chores" are not "tasks" (the engine knows both).
  const all = contentWords(text).map(singular);
  const scores = projectTypeScores(text);
  const typeGuessed = Object.values(scores).every((score) => score === 0);

  // "… for dog walkers …": the audience, its provider noun and qualifier.
  const phrase = contentWords(FOR.exec(raw)?.[1] ?? "");
  // "for renting gear" states a purpose, not an audience.
  const audienceWords = phrase[0]?.endsWith("ing") ? [] : phrase.map(singular).filter((w) => !GENERIC_WORDS.has(w)).slice(-3);
  let providerIndex = audienceWords.findLastIndex((w) => PROVIDERS[w]);
  let providerNoun = providerIndex >= 0 ? audienceWords[providerIndex] : undefined;
  let qualifier = providerIndex > 0 ? audienceWords[providerIndex - 1] : undefined;
  if (!providerNoun) {
    const at = all.findIndex((w) => PROVIDERS[w]);
    if (at >= 0) {
      providerNoun = all[at];
      qualifier = at > 0 && !GENERIC_WORDS.has(all[at - 1]!) ? all[at - 1] : undefined;
      providerIndex = at;
    }
  }
  const provider = providerNoun ? { noun: providerNoun, sense: PROVIDERS[providerNoun]! } : undefined;
  let type = classifyProjectType(text);
  if (provider && (typeGuessed || type === "saas")) type = "crm";

  const animal = all.find((w) => ANIMALS.has(w)) ?? (qualifier && ANIMALS.has(qualifier) ? qualifier : undefined);
  const [typePrimary, typeSecondary] = TYPE_PEOPLE[type];
  const audience = audienceWords.length ? audienceWords.join(" ") : undefined;
  const people = provider
    ? { primary: `${qualifier ? `${qualifier} ` : ""}${provider.noun}`, secondary: `${qualifier && ANIMALS.has(qualifier) ? `${qualifier} ` : ""}${provider.sense.customer}` }
    : { primary: audience ?? typePrimary, secondary: audience ? typePrimary : typeSecondary };
  if (people.secondary === people.primary) people.secondary = typeSecondary === people.primary ? "administrator" : typeSecondary;

  // Read before whitespace is collapsed: one record per line is a list.
  const listed = recordsNamed(written);
  // Every record the idea names gets a page, up to a navigation's worth.
  const entities = listed.length >= 2
    ? listed.slice(0, MAX_LISTED).map(({ name, refs }) => ({ name, role: roleOf(name), ...(refs.length ? { refs } : {}) }))
    : recordTypes(all, type, provider, animal, listed[0]?.name);
  return { words: all, type, typeGuessed: typeGuessed && !provider, ...(provider ? { provider } : {}), ...(qualifier ? { qualifier } : {}), people, entities, listed: listed.length >= 2, name: appName(raw, audience, type, entities) };
}

/** Records an idea names, at most: more than a navigation holds are left to the user to add. */
const MAX_LISTED = 14;

/** The records of an idea that lists fewer than two: the one it names (`named`) first, then what its words and type suggest. */
function recordTypes(all: string[], type: ProjectType, provider: IdeaProfile["provider"], animal: string | undefined, named: string | undefined): EntitySense[] {
  const out: EntitySense[] = [];
  const add = (name: string, role: EntityRole = ENTITY_ROLES[name] ?? "generic") => {
    if (name && !out.some((e) => e.name === name) && out.length < 5) out.push({ name, role });
  };
  if (named) add(named, roleOf(named));
  const serviceLike = provider || ["crm", "booking"].includes(type);
  if (provider) {
    const customer = ["owner", "household", "homeowner", "family", "fan", "driver"].includes(provider.sense.customer) || type === "crm" ? "client" : provider.sense.customer;
    add(customer, "person");
  }
  if (animal) add(animal, "animal");
  if (provider) add(provider.sense.activity, "activity");
  // One record type per role for schedules and money (walks and visits, invoices and payments are one thing each).
  const single = new Set<EntityRole>(["activity", "money"]);
  for (const w of all) {
    const role = ENTITY_ROLES[w];
    if (role && !PROVIDERS[w] && w !== provider?.noun && !(single.has(role) && out.some((e) => e.role === role))) add(w);
  }
  if (serviceLike && all.some((w) => MONEY_HINTS.some((hint) => w.startsWith(hint))) || (provider && type === "crm")) add("invoice", "money");
  // Words the engine does not know may still be what the app is about ("vinyl records" → record).
  if (out.length < 3) {
    all.forEach((w, i) => {
      const next = all[i + 1];
      // In "vinyl records" the thing is "record": a word followed by another noun only qualifies it.
      const qualifies = next !== undefined && !PREPOSITIONS.has(next) && !GENERIC_WORDS.has(next) && !NOT_A_THING.test(next);
      if (out.length < 3 && w.length >= 3 && /^[a-z]+$/.test(w) && !GENERIC_WORDS.has(w) && !PREPOSITIONS.has(w) && !isFunctionWord(w) && !NOT_A_THING.test(w)
        && !PROVIDERS[w] && !ENTITY_ROLES[w] && !qualifies && !(w in TYPE_LABEL_WORDS)) add(w, "item");
    });
  }
  for (const name of TYPE_ENTITIES[type]) if (out.length < 3) add(name);
  return out;
}

/** Words that name a kind of app rather than a record. */
const TYPE_LABEL_WORDS: Record<string, true> = wordTable({ marketplace: true, market: true, shop: true, store: true, ecommerce: true, booking: true, community: true, social: true, network: true, tracker: true, planner: true, platform: true, course: true });

function appName(raw: string, audience: string | undefined, type: ProjectType, entities: EntitySense[]): string {
  const named = /\b(?:called|named)\s+["“']?([\p{L}\p{N}][\p{L}\p{N} .&'-]{0,38}[\p{L}\p{N}])/u.exec(raw)?.[1] ?? /["“]([^"”]{2,40})["”]/.exec(raw)?.[1];
  if (named) return clip(named.trim(), 60);
  const before = raw.split(/\s(?:for|to|that|which|where|with|so|para|pour|für|per|voor|que)\s|[:;—–]|\s-\s/i)[0] ?? raw;
  const head = contentWords(before).filter((w) => !GENERIC_WORDS.has(w) || ACRONYMS.has(w)).slice(0, 3);
  const label: Record<ProjectType, string> = {
    crm: "CRM", booking: "Booking", ecommerce: "Shop", marketplace: "Market", social: "Community", education: "Academy", fintech: "Money",
    health: "Tracker", content: "Journal", operations: "Ops", nonprofit: "Giving", productivity: "Planner", saas: "Hub",
  };
  const audienceTitle = audience ? titleCase(audience.split(" ").map(singular).join(" ")) : "";
  const headTitle = head.map(word).join(" ");
  let name: string;
  if (audienceTitle && headTitle) name = `${audienceTitle} ${headTitle}`;
  else if (headTitle && head.length === 1 && TYPE_LABEL_WORDS[head[0]!]) name = `${titleCase(entities[0]?.name ?? "")} ${headTitle}`.trim();
  else if (headTitle) name = head.length === 1 && !ACRONYMS.has(head[0]!) ? `${headTitle} ${label[type]}` : headTitle;
  else if (audienceTitle) name = `${audienceTitle} ${label[type]}`;
  else {
    const salient = contentWords(raw).map(singular).filter((w) => !GENERIC_WORDS.has(w) && !PREPOSITIONS.has(w)).slice(0, 2);
    const suffix = /\btrack/i.test(raw) ? "Tracker" : label[type];
    name = `${salient.length ? salient.map(word).join(" ") : titleCase(entities[0]?.name ?? "idea")} ${suffix}`;
  }
  return clip(name, 60);
}
