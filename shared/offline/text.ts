/** @module Deterministic text helpers of the offline engine: hashing, seeded choice, casing, English plurals, emoji words. */

/** FNV-1a 32-bit hash of `text`: the seed of every "random" choice, so equal input gives equal output. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32) returning numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The element of `items` chosen by `seed`. */
export const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length]!;

/** `dog walker` → `Dog walker`. */
export const capitalise = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

/** `dog walker` → `Dog Walker`. */
export const titleCase = (text: string) => text.split(/\s+/).filter(Boolean).map(capitalise).join(" ");

/** `dog walker` → `dogWalker`; ASCII only; `fallback` when nothing is left. */
export function camelCase(text: string, fallback = "item"): string {
  const parts = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[A-Za-z0-9]+/g) ?? [];
  const joined = parts.map((part, i) => (i === 0 ? part.toLowerCase() : capitalise(part.toLowerCase()))).join("");
  if (!joined) return fallback;
  return /^[0-9]/.test(joined) ? `${fallback}${joined}` : joined;
}

/**
 * A lookup table keyed by words, with no keys inherited from `Object.prototype`: an idea may say "constructor" or
 * "toString", and `table[word]` must then be undefined.
 */
export const wordTable = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, entries);

const IRREGULAR_PLURALS: Record<string, string> = wordTable({ person: "people", child: "children", man: "men", woman: "women", mouse: "mice", foot: "feet", tooth: "teeth", goose: "geese", sheep: "sheep", fish: "fish", series: "series", species: "species", news: "news", shelf: "shelves", leaf: "leaves", knife: "knives", wolf: "wolves", half: "halves", calf: "calves", loaf: "loaves", menu: "menus", quiz: "quizzes", bus: "buses", life: "lives", wife: "wives", criterion: "criteria", phenomenon: "phenomena", cactus: "cacti", alumnus: "alumni", thesis: "theses", analysis: "analyses", crisis: "crises", diagnosis: "diagnoses", ski: "skis", taxi: "taxis", lens: "lenses",
  tomato: "tomatoes", potato: "potatoes", hero: "heroes", echo: "echoes", volcano: "volcanoes", mosquito: "mosquitoes", tornado: "tornadoes", torpedo: "torpedoes", veto: "vetoes", domino: "dominoes", cargo: "cargoes", mango: "mangoes", safari: "safaris", deli: "delis", kiwi: "kiwis",
  // Acronyms ending in a vowel and s, which read as singular words otherwise ("SKUs", "RFIs").
  // Plural-only nouns: the plural is the word itself.
  goods: "goods", clothes: "clothes", premises: "premises",
  po: "pos", sku: "skus", rfi: "rfis", kpi: "kpis", cpu: "cpus", gpu: "gpus", api: "apis", poi: "pois", roi: "rois", ppi: "ppis" });
const IRREGULAR_SINGULARS = wordTable(Object.fromEntries(Object.entries(IRREGULAR_PLURALS).map(([one, many]) => [many, one])));
/** Fields of study and other nouns in -s that are not plurals (`mechanics` and `topics` are). */
const ICS_NOUNS = new Set(("physics ethics economics mathematics maths analytics logistics politics athletics aerobics gymnastics electronics linguistics acoustics genetics robotics statistics graphics " +
  "chaos ethos cosmos kudos pathos canvas atlas alias bias christmas lens").split(" "));

/** Nouns ending in -ie, whose plural -ies is not a -y noun's (`pies`, `movies`, not `categories`). */
const IE_NOUNS = new Set("pie tie lie die movie cookie selfie zombie rookie hippie brownie smoothie calorie prairie genie goalie birdie hoodie veggie auntie".split(" "));

/** English plural of a lowercase noun: `walk` → `walks`, `class` → `classes`, `category` → `categories`. */
export function plural(word: string): string {
  if (IRREGULAR_PLURALS[word]) return IRREGULAR_PLURALS[word];
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** English singular of a lowercase noun: `walkers` → `walker`, `classes` → `class`, `categories` → `category`. */
export function singular(word: string): string {
  if (IRREGULAR_SINGULARS[word]) return IRREGULAR_SINGULARS[word];
  // "prs", "tvs": a short acronym's plural.
  if (/^[b-df-hj-np-tv-z]{2}s$/.test(word)) return word.slice(0, -1);
  if (word.length <= 3 || /(ss|us|is|ous)$/.test(word) || ICS_NOUNS.has(word)) return word;
  if (word.endsWith("es") && ICS_NOUNS.has(word.slice(0, -2))) return word.slice(0, -2);
  if (/ies$/.test(word)) return IE_NOUNS.has(word.slice(0, -1)) ? word.slice(0, -1) : `${word.slice(0, -3)}y`;
  // "statuses", "campuses", "bonuses", but "houses", "causes", "excuses".
  if (/(ches|shes|xes|zzes|sses|[bnprst]uses)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A word as British and American English both spell it: `enrolment`, `enrollment` → "enrolment"; `neighbour` → "neighbor". */
export const spellingKey = (word: string) => word.replace(/(.)\1/g, "$1").replace(/(?<=.{3})our$/, "or");

/** `text` with accents taken off its letters, so "cafés" is read as the word "cafes". */
export const plainLetters = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "");

/** Emoji the engine reads as words, so an idea of emoji alone still says something. */
const EMOJI_WORDS: Record<string, string> = {
  "🐶": "dog", "🐕": "dog", "🐱": "cat", "🐈": "cat", "🐾": "pet", "🐴": "horse", "🌱": "plant", "🪴": "plant", "🌿": "plant",
  "📅": "schedule", "🗓": "schedule", "⏰": "reminder", "✅": "task", "📝": "note", "📚": "book", "📖": "book", "🎓": "course",
  "💰": "budget", "💸": "expense", "💳": "payment", "🧾": "invoice", "🛒": "shop", "🛍": "shop", "📦": "order", "🍕": "recipe",
  "🍳": "recipe", "🥗": "meal", "🍽": "restaurant", "☕": "cafe", "💪": "workout", "🏋": "workout", "🏃": "run", "🧘": "yoga",
  "❤": "health", "🩺": "clinic", "💊": "medication", "🏠": "home", "🏡": "home", "🚗": "car", "🚲": "bike", "✈": "trip",
  "🎵": "music", "🎸": "music", "🎮": "game", "📷": "photo", "🎨": "art", "👶": "baby", "🤝": "volunteer", "🎉": "event",
  "💬": "chat", "📈": "analytics", "📊": "report", "🔧": "repair", "🧹": "cleaning", "✂": "salon", "💇": "salon",
};

/** `text` with each known emoji replaced by its word (spaced), others untouched. */
export function emojiToWords(text: string): string {
  let out = text;
  for (const [emoji, word] of Object.entries(EMOJI_WORDS)) if (out.includes(emoji)) out = out.split(emoji).join(` ${word} `);
  return out;
}

/** `text` cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Joins `a, b and c`. */
export function listText(items: string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}
