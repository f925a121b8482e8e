/** @module The record types an idea lists by name ("…: vans, drivers, services and fuel receipts", "loans of books to students"), with the references its phrasing states. */
import { proseEntities } from "./idea-prose.ts";
import { isFunctionWord } from "./idea-tagger.ts";
import { ADJECTIVES, COUNTS, FIELDS, WHEN_OR_COLOUR, isTimeUnit, keptRecord, listRecord, pluralHead } from "./idea-words.ts";
import { plainLetters, plural, singular } from "./text.ts";

/** A record type the idea names, and the record types its phrasing says it refers to. */
export interface ListedEntity {
  name: string;
  refs: string[];
}

/**
 * `records` with each name once, where it first stands, holding the references of all its copies and none to itself.
 * Names with one plural are one record: "diagnosis" and "diagnose" would both be a /diagnoses page.
 */
export function uniqueRecords(records: ListedEntity[]): ListedEntity[] {
  const out = new Map<string, ListedEntity>();
  const kept = (name: string) => out.get(plural(name))?.name ?? name;
  for (const { name } of records) if (!out.has(plural(name))) out.set(plural(name), { name, refs: [] });
  for (const { name, refs } of records) {
    const found = out.get(plural(name))!;
    for (const ref of refs.map(kept)) if (ref !== found.name && !found.refs.includes(ref)) found.refs.push(ref);
  }
  return [...out.values()];
}

/** Words after which a list's first item starts ("with classes", "to log patients", "keep track of plots"). */
const LEADS = new Set(
  ("with for of to including include includes like about on from where that which who can could will should need needs has have had want wants " +
    "track log manage manages handle handles keep keeps record organise organize organises organizes schedule plan book store list share sell sells run follow monitor monitors " +
    "is are covering tracker planner manager organiser organizer app tool system platform software database").split(" "),
);
/** Words after which a list's last item has ended ("suppliers in one place", "fees of our marina"). */
const TRAILS = new Set("in of for to at on from that which who so per into with by across between where when while within after before during until".split(" "));
const DETERMINERS = new Set("a an the my our their your his her its this these those some all any each every other various".split(" "));
/** Words that are never a record, even in a list. */
const NOT_RECORDS = new Set(("more etc stuff things thing everything others other lot lots much many what when how why one place lost found new old open closed free paid done first last next " +
  "i we you they them it us me do does did is are was were be").split(" "));
/** Subject pronouns start a clause inside an item ("the repotting I do"). */
const SUBJECTS = new Set("i we you they he she".split(" "));
const PLURAL = /^[a-z]{3,}[^s]s$/;
const SEPARATORS = new Set([",", "and", "or", "plus", "&", "/", "+"]);
const CLAUSES = /[.:!?()"“”]|\s[-–—]+\s|[–—]/;
/** Three or more short pieces between semicolons are one list ("speakers; talks; rooms"); otherwise a semicolon ends a clause. */
const semicolonClauses = (clause: string): string[] => {
  const pieces = clause.split(";");
  return pieces.length >= 3 && pieces.every((piece) => piece.trim().split(/\s+/).length <= 3) ? [pieces.join(",")] : pieces;
};

/** Whether `head` after `modifier` is the name of a list ("employee list", "punch list"), not a verb starting one. */
const namesList = (modifier: string | undefined, head: string) =>
  modifier !== undefined && listRecord(modifier, head) !== undefined && !LEADS.has(modifier) && !DETERMINERS.has(modifier) && !isFunctionWord(modifier);

/** `scheduled walks` → `walk`; `fuel receipts` → `fuel receipt`; `x-rays` → `x ray`: at most two words, the head made singular. */
function nounPhrase(tokens: string[], long = false): string | undefined {
  // A determiner starts the phrase: "the chess club's players" is read "the chess the players".
  const start = tokens.findLastIndex((t) => DETERMINERS.has(t)) + 1;
  const words = tokens.slice(start).filter((t) => /^[a-z][a-z-]*$/.test(t));
  if (words.length === 0) return undefined;
  const head = words.at(-1)!;
  // One time unit says when ("by the hour", "each term"), and so do counted ones ("every few weeks").
  if (NOT_RECORDS.has(head) || TRAILS.has(head) || head.length < 2 || (words.length === 1 && isTimeUnit(head)) || (isTimeUnit(singular(head)) && COUNTS.test(tokens.at(-2) ?? ""))) return undefined;
  // A single -ing word is an activity in general ("scheduling and billing"), not a record type; "the repotting" is one,
  // and so is a noun's ("table seating").
  const nounsDoing = words.length === 2 && !/ing$/.test(words[0]!) && !ADJECTIVES.has(words[0]!);
  if (/ing$/.test(head) && (start === 0 || words.length > 1) && !nounsDoing) return undefined;
  const [first, second] = [words.at(-3), words.at(-2)];
  const modifies = (w: string | undefined): w is string =>
    w !== undefined && (!LEADS.has(w) || (w === second && namesList(first, w))) && !TRAILS.has(w) && !DETERMINERS.has(w) && !isFunctionWord(w) && !/[^e]ed$/.test(w);
  // "in June", "afternoons" say when, "blue" what colour; "game nights" are records.
  if (WHEN_OR_COLOUR.has(singular(head)) && !modifies(second)) return undefined;
  // "meeting room bookings" in a list of three or more: a name of three words when both words before the head qualify it.
  // "key blank inventory": a list whose name has two words before it keeps both.
  if (modifies(second) && listRecord(second, head)) return [words.length === 3 && modifies(first) ? first : undefined, listRecord(second, head)].filter(Boolean).join(" ");
  const modifiers = long && modifies(first) && modifies(second) && words.length === 3 ? [first, second] : modifies(second) ? [second] : [];
  return [...modifiers, singular(head)].join(" ").replace(/-/g, " ");
}

/** The clause's items split at commas, "and", "or", "plus". */
function items(tokens: string[]): string[][] {
  const out: string[][] = [[]];
  const separators: string[] = [];
  for (const token of tokens) {
    if (SEPARATORS.has(token)) {
      out.push([]);
      separators.push(token);
    } else out.at(-1)!.push(token);
  }
  // "farrier + vet visits": one word joined to a two-word name shares its head (farrier visits).
  out.forEach((item, i) => {
    const next = out[i + 1];
    if (item.length !== 1 || separators[i] === "," || next?.length !== 2) return;
    const [word, [modifier, head]] = [item[0]!, next as [string, string]];
    const bareNoun = /^[a-z]{3,}$/.test(word) && singular(word) === word && !/ing$/.test(word) && !LEADS.has(word) && !TRAILS.has(word) && !isFunctionWord(word);
    if (bareNoun && PLURAL.test(head) && !PLURAL.test(modifier)) item.push(head);
  });
  return out.filter((item) => item.length > 0);
}

/** "X of Y (to|for|with|by|from) Z" after a verb: X references Y (and Z). */
function relation(tokens: string[], add: (name: string | undefined, refs?: string[]) => void): void {
  for (let i = 1; i < tokens.length - 1; i++) {
    if (tokens[i] !== "of") continue;
    const x = tokens[i - 1]!;
    const leadBefore = i < 2 || LEADS.has(tokens[i - 2]!) || DETERMINERS.has(tokens[i - 2]!);
    if (!/^[a-z]{3,}s$/.test(x) || LEADS.has(x) || !leadBefore) continue;
    let j = i + 1;
    while (j < tokens.length && DETERMINERS.has(tokens[j]!)) j++;
    const y = nounPhrase(tokens.slice(j, j + 1));
    let z: string | undefined;
    if (["to", "for", "with", "by", "from"].includes(tokens[j + 1] ?? "")) {
      let k = j + 2;
      while (k < tokens.length && DETERMINERS.has(tokens[k]!)) k++;
      z = nounPhrase(tokens.slice(k, k + 1));
    }
    const refs = [y, z].filter((r): r is string => Boolean(r));
    if (refs.length === 0) continue;
    add(nounPhrase([x]), refs);
    for (const ref of refs) add(ref);
  }
}

/**
 * Names of one record written "X of Y": "proofs of delivery" are records, not proofs that refer to deliveries. Read as
 * one hyphenated word, plural at its end ("proof-of-deliveries").
 */
const OF_NAMES = new Set(["next of kin", "proof of delivery", "proof of purchase", "proof of address", "bill of lading", "bill of materials", "bill of sale", "certificate of occupancy",
  "certificate of insurance", "certificate of analysis", "certificate of conformity", "chain of custody", "point of sale", "statement of work", "power of attorney", "letter of intent",
  "declaration of interest", "right of way", "change of address"]);
/** `phrase` ("bills of lading", its `head` and `tail` words) as one word when it is one of `OF_NAMES`. */
const ofName = (phrase: string, head: string, tail: string) =>
  OF_NAMES.has(`${singular(head)} of ${tail}`) ? `${singular(head)}-of-${singular(head) === head ? tail : plural(tail)}` : phrase;

/** A possessive ends a list item's phrase ("the chess club's players"); in prose it relates two records ("each tenant's lease"). */
const POSSESSIVE = /['’]s\b|(?<=s)['’](?=\s)/g;
/** The words and punctuation of a lowered line. */
const words = (line: string): string[] => line.match(/[a-z0-9][a-z0-9'-]*|[^\sa-z0-9]/g) ?? [];
/** The tokens the prose reader reads `idea` as: lowered, a possessive read "whose". */
export const proseTokens = (idea: string) => words(lowered(idea).replace(POSSESSIVE, " whose "));

/** `idea` in lowercase with its lists' punctuation made commas and its shorthand spelled out: what the readers read. */
function lowered(idea: string): string {
  return plainLetters(idea)
    .toLowerCase()
    .replace(/[ \t]*\n\s*(?:[-*•]|\d+[.)])?[ \t]*/g, ", ") // one record per line or bullet
    .replace(/(^|\s)\d+\)\s+/g, ", ") // numbered inline: "1) firefighters 2) callouts"
    .replace(/\bas well as\b/g, "and")
    .replace(/\s*(?:->|→|=>)\s*/g, ", ") // a flow: "quotes -> jobs -> proofs"
    .replace(/\s*\|\s*/g, ", ") // "skate rentals | public sessions"
    .replace(/\b[a-z]+-(?![a-z0-9])/g, "") // "pre- and post-op checks": a word cut off at a hyphen names nothing of its own
    .replace(/\b([a-z]+) of ([a-z]+)\b/g, ofName)
    .replace(/\bw\/\s*|\bw(?= )/g, "with ")
    .replace(/\bu(?= )/g, "you")
    // A plural particle makes a phrasal verb a noun: "check ins", "sign ups" are records ("we sign up" is not).
    .replace(/\b([a-z]+) (ins|ups|outs|offs|ons|overs)\b/g, "$1-$2")
    .replace(/\b(it|that|what|there|here|he|she|who|where|how)['’]s\b/g, "$1 is")
    .replace(/\blet['’]s\b/g, "let us")
    .replace(/['’](ve|re|ll|m|d)\b/g, (_, short: string) => ` ${{ ve: "have", re: "are", ll: "will", m: "am", d: "would" }[short]}`);
}

/**
 * The record types `idea` lists, in the order it names them, with references:
 * "loans of books to students" → loan (refs book, student), book, student.
 * Empty when the idea lists none (then the engine falls back to its domain knowledge).
 * @example listedEntities("a fleet log: vans, drivers, services and fuel receipts").map((e) => e.name) // ["van", "driver", "service", "fuel receipt"]
 */
export function listedEntities(idea: string): ListedEntity[] {
  const out: ListedEntity[] = [];
  const add = (name: string | undefined, refs: string[] = []) => {
    if (!name) return;
    const found = out.find((e) => e.name === name);
    if (found) found.refs.push(...refs.filter((r) => r !== name && !found.refs.includes(r)));
    else out.push({ name, refs: refs.filter((r) => r !== name) });
  };
  const lower = lowered(idea);
  const text = lower.replace(POSSESSIVE, " the ");
  for (const clause of text.split(CLAUSES).flatMap(semicolonClauses)) {
    const tokens = clause.match(/[a-z0-9][a-z0-9-]*|[,&/+]/g) ?? [];
    relation(tokens, add);
    const parts = items(tokens);
    if (parts.length < 2) continue;
    const found: (string | undefined)[] = parts.flatMap((part, index) => {
      let chunk = part;
      // "participants form teams", "judges give scores": a plural subject, a verb, a plural object; both are records.
      const [first, second] = [part[0]!, part.at(-1)!];
      if (part.length === 3 && PLURAL.test(first) && PLURAL.test(second) && ![first, part[1]!].some((t) => LEADS.has(t) || TRAILS.has(t) || DETERMINERS.has(t))) {
        return [nounPhrase([first]), nounPhrase([second])];
      }
      if (index === 0) {
        const lead = chunk.findLastIndex((t, i) => LEADS.has(t) && !namesList(chunk[i - 1], t));
        chunk = lead >= 0 ? chunk.slice(lead + 1) : chunk.length > 3 ? [] : chunk;
      }
      if (index === parts.length - 1) {
        const trail = chunk.findIndex((t, i) => i > 0 && (TRAILS.has(t) || SUBJECTS.has(t)));
        if (trail > 0) chunk = chunk.slice(0, trail);
      }
      // "equipment assigned to them": a participle after the noun starts what is said of it.
      const said = chunk.findIndex((t, i) => i > 0 && /[^e]ed$/.test(t));
      if (said > 0) chunk = chunk.slice(0, said);
      return [nounPhrase(chunk, parts.length >= 3)];
    });
    if (found.filter(Boolean).length < 2) continue;
    for (const name of found) add(name);
  }
  return withProse(out, text, lower.replace(POSSESSIVE, " whose "));
}

/** The listed records with those the idea's prose names, in the order the idea names them; a list item led by a verb loses it ("order parts" → part). */
function withProse(listed: ListedEntity[], text: string, prose: string): ListedEntity[] {
  const tokens = words(text);
  const { entities, verbs, nouns } = proseEntities(words(prose));
  // Where each listed record stands, read in list order ("a CRM for dog walkers: clients, their dogs": the dogs after the clients).
  let cursor = 0;
  const at = (name: string) => {
    const head = name.split(" ").at(-1)!;
    const names = (t: string) => singular(t).split("-").at(-1) === head;
    const after = tokens.findIndex((t, i) => i >= cursor && names(t));
    const index = after >= 0 ? after : tokens.findIndex(names);
    cursor = Math.max(cursor, index);
    return index < 0 ? Infinity : index;
  };
  // A list item is a noun: "get triaged" and "lent out" in a sentence split at "and" are not records.
  const out = listed.filter((e) => (nouns.has(e.name.split(" ").at(-1)!) || entities.some((p) => p.name === e.name)) && !FIELDS.has(e.name)).map((e) => {
    const words = e.name.split(" ");
    // "tenants pay rent" is a clause: its record starts after the verb.
    const from = words.slice(0, -1).findLastIndex((w) => verbs.has(w) || (pluralHead(w) && singular(w) !== w)) + 1;
    return { ...e, name: words.slice(from).join(" "), at: at(e.name) };
  });
  for (const entity of entities) {
    const same = out.find((e) => e.name === entity.name || e.name.endsWith(` ${entity.name}`) || entity.name.endsWith(` ${e.name}`));
    if (!same) out.push(entity);
    else {
      // "recruiters post job openings": the prose keeps the word a long list item lost.
      if (entity.name.endsWith(` ${same.name}`)) same.name = entity.name;
      same.refs.push(...entity.refs.filter((r) => r !== same.name && !same.refs.includes(r)));
    }
  }
  const kept = (name: string) => keptRecord(name, (word) => tokens.includes(word));
  // Two list items can lose their leading words to one name ("glasses orders, contact lens orders").
  return uniqueRecords(out.sort((a, b) => a.at - b.at).map(({ name, refs }) => ({ name: kept(name), refs: refs.map(kept) })));
}
