/** @module Idea fidelity: whether an app's pages are about the records an idea names, measured the same way by QA, the learning loop and the benchmark. */
import { spellOut } from "./spelling.ts";
import { plainLetters, singular, spellingKey } from "./text.ts";

/** Route segments that say how a page shows records, not which records. */
const ROUTE_NOISE = new Set(["new", "edit", "admin", "my", "all", "manage", "id"]);

/**
 * Singular lowercase words of `text`: `Fuel receipts` → ["fuel", "receipt"]. A hyphenated name is made singular
 * word by word (`party-menus` → ["party", "menu"]), and when its last word alone reads as no plural, whole:
 * `trade-ins` → ["trade", "in"] (alone, "ins" is no plural).
 */
export const tokens = (text: string) =>
  (plainLetters(text).toLowerCase().match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? []).flatMap((name) => {
    const words = name.split("-");
    const last = singular(words.at(-1)!);
    return [...words.slice(0, -1).map(singular), last === words.at(-1) ? singular(name).split("-").at(-1)! : last];
  });

/** The words of a page's route that name what it shows: `/fuel-receipts/:id` → ["fuel", "receipt"]. */
export const pageWords = (path: string) =>
  path.split("/").filter((segment) => segment && !segment.startsWith(":") && segment !== "*").flatMap(tokens).filter((w) => !ROUTE_NOISE.has(w));

/** Whether some consecutive words of `words` spell `wanted` written as one word: `sign`, `up` spell "signup". */
const spells = (words: string[], wanted: string) =>
  words.some((_, start) => words.slice(start).some((__, n) => words.slice(start, start + n + 1).join("") === wanted));

/**
 * Whether one page's words name `entity` (`fuel receipt`, or alternatives `x-ray|xray`): all of its words, in one
 * route, or its words written together ("sign-ups" name a "signup"), in either spelling ("enrolments", "enrollment").
 */
export function pageNames(path: string, entity: string): boolean {
  const words = pageWords(path).map(spellingKey);
  return entity.split("|").some((option) => {
    const wanted = tokens(option).map(spellingKey);
    return wanted.length > 0 && (wanted.every((w) => words.includes(w)) || spells(words, wanted.join("")));
  });
}

/** Whether some page of `paths` is about `entity`. */
export const entityHasPage = (paths: string[], entity: string) => paths.some((path) => pageNames(path, entity));

/** The words of `texts`, each as British and American English both spell it: what a page about them may say. */
const spelledWords = (texts: string[]) => new Set(texts.flatMap(tokens).map(spellingKey));

/** Whether a page is about the idea: one of its words is one of `spelled` (see `spelledWords`). Always true for the dashboard. */
function pageAboutIdea(path: string, spelled: Set<string>): boolean {
  const words = pageWords(path);
  return words.length === 0 || words.some((w) => spelled.has(spellingKey(w)));
}

/**
 * What share of `entities` (labels, shorthand read as the words it stands for: "nail tech") have a page, and what
 * share of the (non-dashboard) pages are about the idea. `implied` are the labels the idea never says in its own words
 * ("payment" for "collect quarterly dues"): a reader of the idea's words can only guess them. `unlabelled` are the pages
 * about no label: on the idea's topic, perhaps, but nobody asked for them (a stricter precision).
 */
export function fidelityOf(idea: string, entities: string[], paths: string[]): { recall: number; precision: number; missing: string[]; offTopic: string[]; implied: string[]; unlabelled: string[] } {
  const said = spelledWords([spellOut(idea)]);
  const ideaWords = new Set([...said, ...spelledWords(entities.flatMap((e) => e.split("|")))]);
  const labels = entities.map((entity) => ({ entity, spelled: spellOut(entity) }));
  const pages = paths.filter((path) => pageWords(path).length > 0);
  const missing = labels.filter(({ spelled }) => !entityHasPage(paths, spelled)).map(({ entity }) => entity);
  const offTopic = pages.filter((path) => !pageAboutIdea(path, ideaWords));
  const unlabelled = pages.filter((path) => !labels.some(({ spelled }) => pageNames(path, spelled)));
  const implied = labels.filter(({ spelled }) => !spelled.split("|").some((option) => tokens(option).every((w) => said.has(spellingKey(w))))).map(({ entity }) => entity);
  return {
    recall: entities.length ? 1 - missing.length / entities.length : 1,
    precision: pages.length ? 1 - offTopic.length / pages.length : 1,
    missing,
    offTopic,
    implied,
    unlabelled,
  };
}

/** How faithful an app's site map is to its requirements: the share of their records with a page, the share of pages about one of them, and the lower of the two. */
export function appFidelity(records: string[], paths: string[]): { recall: number; precision: number; score: number; missing: string[]; offTopic: string[] } {
  const words = spelledWords(records);
  const pages = paths.filter((path) => pageWords(path).length > 0);
  const missing = records.filter((record) => !entityHasPage(paths, record));
  const offTopic = pages.filter((path) => !pageAboutIdea(path, words));
  const recall = records.length ? 1 - missing.length / records.length : 1;
  const precision = pages.length ? 1 - offTopic.length / pages.length : 1;
  return { recall, precision, score: Math.min(recall, precision), missing, offTopic };
}
