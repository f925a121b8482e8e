/**
 * @module A second reading of an idea's words, learned from labelled ideas: how likely each noun is to name a record
 * the app must keep. The rule reader (idea-lists, idea-prose) finds most records; this model adds the nouns it missed
 * ("therapist makes treatment plan", where the grammar misleads the rules) and drops what it took by mistake. A
 * logistic regression over the word, its spelling and its neighbours' words and tags. A second one decides whether the
 * word before a record's noun belongs to its name ("glasses orders" are "glasses order"s). Their weights are generated
 * by `npm run gen:record-weights` (see record-training.ts).
 */
import { ENTITY_ROLES, roleOf } from "./domain.ts";
import { isPerson } from "./idea-words.ts";
import { isFunctionWord, tagTokens, type Tagged } from "./idea-tagger.ts";
import { listedEntities, proseTokens, uniqueRecords, type ListedEntity } from "./idea-lists.ts";
import { MODIFIER_WEIGHTS, RECORD_WEIGHTS } from "./record-weights.ts";
import { singular, spellingKey } from "./text.ts";

/** The record model, the modifier model and the thresholds that turn their probabilities into records. */
export interface RecordModel {
  records: Record<string, number>;
  modifiers: Record<string, number>;
  /** A noun the record model gives this much becomes a record. */
  add: number;
  /** A record the rules read goes when the record model gives it less ("a community choir" the app is for). */
  keep: number;
}

/**
 * The weights `npm run gen:record-weights` trains on the fixture, with thresholds chosen by four-fold cross-validation
 * over the sets unseen-30 to 101 (`npm run cv:record-model`): of the pairs tried, adding from 0.3 and keeping from 0.06
 * finds more of the named records with more pages about a label (91.5%, 75.1%) than the former 0.45 and 0.03 (91.4%, 74.2%).
 */
export const TRAINED: RecordModel = { records: RECORD_WEIGHTS, modifiers: MODIFIER_WEIGHTS, add: 0.3, keep: 0.06 };
/** A one-word record takes the word before it as part of its name when that is more likely than not. */
const NAMED_WITH = 0.5;

/** A word of the idea that may name a record: `at` in the tagged tokens, its record name's last word `head`. */
export interface Candidate {
  at: number;
  head: string;
}

/** Whether a tagged token is a content word that may name a record or qualify one: a noun, modifier or verb of three letters or more. */
const isContentWord = ({ word, tag }: Tagged) => ["noun", "mod", "verb"].includes(tag) && /^[a-z][a-z-]{2,}$/.test(word) && !isFunctionWord(word);

/** The last word of `word`'s singular: the head a record named by it has ("fuel-receipts" → "receipt"). */
const headOf = (word: string) => singular(word).split("-").at(-1)!;

/** The content words of `tagged` (see `isContentWord`). */
export const candidates = (tagged: Tagged[]): Candidate[] => tagged.flatMap((t, at) => (isContentWord(t) ? [{ at, head: headOf(t.word) }] : []));

const SENTENCE_END = new Set([".", "!", "?", ";"]);

/** An idea's tagged tokens with what the features of every candidate read from them, worked out once. */
export interface Reading {
  tagged: Tagged[];
  candidates: Candidate[];
  /** How many candidates each head has. */
  mentions: Map<string, number>;
  /** For each token: the index of the sentence end before it (-1 at the start), whether a colon comes before it in its sentence, and whether its sentence has two commas or more (a list). */
  sentenceStart: number[];
  colonBefore: boolean[];
  inList: boolean[];
  /** The index of the first verb (the token count when there is none). */
  firstVerb: number;
  /** The index of the last word of the phrase the idea opens with to say what the app is (see `titleEnd`), or -1. */
  title: number;
}

/** Words after which the phrase an idea opens with says what the app is, not a record it keeps. */
const TITLE_ENDS = new Set([":", "for", "to", "that", "where", "with", "-", "—", "–"]);

/** Where the phrase `tagged` opens with ends, when it names the app: "a fleet maintenance log for…", "Bakery inventory: …"; else -1. */
function titleEnd(tagged: Tagged[]): number {
  const start = tagged[0]?.tag === "det" ? 1 : 0;
  const end = tagged.findIndex((t, i) => i >= start && !["noun", "mod"].includes(t.tag));
  return end > start && TITLE_ENDS.has(tagged[end]!.word) ? end - 1 : -1;
}

export function readingOf(tagged: Tagged[]): Reading {
  const found = candidates(tagged);
  const mentions = new Map<string, number>();
  for (const c of found) mentions.set(c.head, (mentions.get(c.head) ?? 0) + 1);
  const sentenceStart: number[] = [];
  const colonBefore: boolean[] = [];
  const commas: number[] = [];
  let start = -1;
  let colon = false;
  tagged.forEach((t, i) => {
    sentenceStart.push(start);
    colonBefore.push(colon);
    if (t.word === ",") commas[start + 1] = (commas[start + 1] ?? 0) + 1;
    if (t.word === ":") colon = true;
    if (SENTENCE_END.has(t.word)) [start, colon] = [i, false];
  });
  const inList = sentenceStart.map((start) => (commas[start + 1] ?? 0) > 1);
  const verb = tagged.findIndex((t) => t.tag === "verb");
  return { tagged, candidates: found, mentions, sentenceStart, colonBefore, inList, firstVerb: verb < 0 ? tagged.length : verb, title: titleEnd(tagged) };
}

/**
 * The features of candidate `c` of `reading`: its word, endings, role, number and place; its neighbours' words and
 * tags; whether its sentence is a list; and what the rule reader made of the idea (`listed`: record names). The word
 * is also paired with its tag, its neighbours and whether it stands in a list, so one word can weigh differently in
 * different places ("check-in" in a list, "booked" after a noun).
 */
export function features({ tagged, mentions, sentenceStart, colonBefore, inList }: Reading, c: Candidate, listed: string[]): string[] {
  const near = (k: number) => tagged[c.at + k] ?? { word: "<s>", tag: "edge" };
  const { word, tag } = tagged[c.at]!;
  const plural = word !== singular(word);
  return [
    "bias=1", `w=${c.head}`, `s2=${c.head.slice(-2)}`, `s3=${c.head.slice(-3)}`, `s4=${c.head.slice(-4)}`,
    `t=${tag}`, `pl=${plural}`, `tpl=${tag}|${plural}`, `role=${roleOf(c.head)}`, `known=${c.head in ENTITY_ROLES}`,
    `pt=${near(-1).tag}`, `nt=${near(1).tag}`, `ptt=${near(-1).tag}|${tag}|${near(1).tag}`, `pt2=${near(-2).tag}|${near(-1).tag}`, `nt2=${near(1).tag}|${near(2).tag}`,
    `pw=${near(-1).word}`, `nw=${near(1).word}`, `pw2=${near(-2).word}`, `nw2=${near(2).word}`, `ppw=${near(-2).word}|${near(-1).word}`,
    `wpw=${near(-1).word}|${c.head}`, `wnw=${c.head}|${near(1).word}`, `wt=${c.head}|${tag}`, `wl=${c.head}|${inList[c.at]}`, `wpt=${c.head}|${near(-1).tag}`, `wnt=${c.head}|${near(1).tag}`,
    `ps3=${near(-1).word.slice(-3)}`, `ns3=${near(1).word.slice(-3)}`,
    `n=${Math.min(mentions.get(c.head) ?? 0, 3)}`, `pos=${Math.min(4, Math.floor((5 * c.at) / tagged.length))}`,
    `first=${sentenceStart[c.at] === c.at - 1}`, `colon=${colonBefore[c.at]}`, `list=${inList[c.at]}`,
    `listed=${Math.min(listed.length, 8)}`, `modifies=${listed.some((name) => name.split(" ").slice(0, -1).includes(c.head))}`,
  ];
}

/** The record model's or the modifier model's (`weights`) probability that `feats` describe a yes. */
export function likelihood(feats: string[], weights: Record<string, number>): number {
  const z = feats.reduce((sum, f) => sum + (weights[f] ?? 0), 0);
  return 1 / (1 + Math.exp(-z));
}

/** Whether `c` is who the app is for ("an app for tattoo artists: …"), which is no record, as the prose reader has it. */
const audience = ({ tagged, firstVerb }: Reading, c: Candidate) => {
  const lead = tagged.slice(0, c.at).findLastIndex((t) => !["noun", "mod", "det"].includes(t.tag));
  return tagged[lead]?.word === "for" && isPerson(c.head) && lead < firstVerb;
};

/** The word before candidate `c` when it may qualify it: a content word of three letters or more. */
export const modifierAt = (tagged: Tagged[], c: Candidate): string | undefined => {
  const before = tagged[c.at - 1];
  return before && isContentWord(before) ? before.word : undefined;
};

/** The features of the word before candidate `c` (see `modifierAt`) as a part of its name. */
export function modifierFeatures(tagged: Tagged[], c: Candidate, listed: string[]): string[] {
  const { word, tag } = tagged[c.at - 1]!;
  const one = singular(word);
  const near = (k: number) => tagged[c.at + k] ?? { word: "<s>", tag: "edge" };
  return [
    "bias=1", `m=${one}`, `h=${c.head}`, `mh=${one}|${c.head}`, `ms3=${one.slice(-3)}`, `hs3=${c.head.slice(-3)}`, `mt=${tag}`, `mht=${tag}|${tagged[c.at]!.tag}`,
    `mpl=${word !== one}`, `mrole=${roleOf(one)}`, `mknown=${one in ENTITY_ROLES}`, `mlisted=${listed.includes(one)}`,
    `pt=${near(-2).tag}`, `pw=${near(-2).word}`, `nt=${near(1).tag}`, `nw=${near(1).word}`,
  ];
}

/**
 * The rule reader's records (`listed`) checked by the model: a record it is all but sure is none goes, and every noun it
 * finds likely enough to name a record comes in, named as written ("treatment plan"). Records stay in the order
 * the idea names them.
 */
export function withLearnedRecords(tagged: Tagged[], listed: ListedEntity[], model: RecordModel): ListedEntity[] {
  const reading = readingOf(tagged);
  const names = listed.map((e) => e.name);
  const best = new Map<string, { p: number; at: number }>();
  for (const c of reading.candidates) {
    // Nobody the app is for and nothing its opening phrase names it as is a record ("a fleet maintenance log for…").
    if (audience(reading, c) || c.at === reading.title) continue;
    const p = likelihood(features(reading, c, names), model.records);
    const key = spellingKey(c.head);
    if (p > (best.get(key)?.p ?? -1)) best.set(key, { p, at: c.at });
  }
  const keyOf = (name: string) => spellingKey(name.split(" ").at(-1)!);
  const kept = listed.filter((e) => (best.get(keyOf(e.name))?.p ?? 1) >= model.keep).map((e, _, all) => ({ ...e, refs: e.refs.filter((r) => all.some((k) => k.name === r)) }));
  // Kept records are named first: a word of their names is no record of its own ("glasses" in "glasses orders").
  const named = withModifiers(reading, kept, names, model.modifiers);
  const taken = new Set(named.flatMap((e) => e.name.split(" ").map(spellingKey)));
  const added = [...best].filter(([key, { p }]) => p >= model.add && !taken.has(key)).map(([, { at }]) => ({ at, name: singular(tagged[at]!.word).replace(/-/g, " ") }));
  // An added record goes before the first kept one the idea names after it; the rules' own order stays.
  const firstAt = new Map<string, number>();
  for (const [i, t] of tagged.entries()) if (!firstAt.has(headOf(t.word))) firstAt.set(headOf(t.word), i);
  const out = [...named];
  for (const { at, name } of added.sort((a, b) => a.at - b.at)) {
    const before = out.findIndex((e) => (firstAt.get(e.name.split(" ").at(-1)!) ?? -1) > at);
    out.splice(before < 0 ? out.length : before, 0, { name, refs: [] });
  }
  return withModifiers(reading, out, names, model.modifiers);
}

/**
 * `records` with each one-word name given the word the idea writes before it, where the modifier model finds that
 * likely ("special orders"); `listed` are the rule reader's names, as in training.
 */
function withModifiers({ tagged, candidates: found }: Reading, records: ListedEntity[], listed: string[], weights: Record<string, number>): ListedEntity[] {
  const names = new Set(records.map((e) => e.name));
  const renamed = new Map<string, string>();
  for (const { name } of records) {
    if (name.includes(" ")) continue;
    let best = { p: NAMED_WITH, modifier: "" };
    for (const c of found) {
      const modifier = c.head === name ? modifierAt(tagged, c) : undefined;
      const p = modifier ? likelihood(modifierFeatures(tagged, c, listed), weights) : 0;
      if (modifier && p >= best.p) best = { p, modifier };
    }
    const full = `${best.modifier.replace(/-/g, " ")} ${name}`;
    if (best.modifier && !names.has(full)) renamed.set(name, full);
  }
  const rename = (name: string) => renamed.get(name) ?? name;
  return uniqueRecords(records.map((e) => ({ name: rename(e.name), refs: e.refs.map(rename) })));
}

/** The records `text` (an idea as `readerText` gives it) names: the rule reader's, checked and completed by `model`. */
export function recordsNamed(text: string, model: RecordModel = TRAINED): ListedEntity[] {
  const listed = listedEntities(text);
  // An idea that lists fewer than two records is read by the domain's knowledge ("a CRM for dog walkers").
  return listed.length < 2 ? listed : withLearnedRecords(tagTokens(proseTokens(text)), listed, model);
}
