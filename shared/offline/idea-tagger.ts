/**
 * @module Tags an idea's words: function words by their closed class, content words by where they stand (after "we",
 * "who", "to", a modal or a plural subject, before "the" or "them"), so verbs are told from the nouns that name records.
 */
import { ACT_NOUN, ADJECTIVES, APP_VERBS, CALENDAR_UNITS, CATENATIVE, COLLECTIVE, NOT_ADVERBS, ONE, ONLY_VERBS, PARTICIPLES, PAST, PERSON_PLURAL, PHRASE_START, TIME_ADJECTIVES, isAppVerb, isPerson, isPlural, listRecord, phrasalVerb, pluralHead, saysWhen, verbBases, verbRecord } from "./idea-words.ts";
import { singular } from "./text.ts";

/** What a token is: a function word's class, or what its place makes of a content word. */
export type Tag = "det" | "subject" | "object" | "who" | "which" | "clause" | "prep" | "to" | "conj" | "aux" | "be" | "have" | "adv" | "punct" | "verb" | "noun" | "mod";

const classes = (tag: Tag, words: string) => words.split(" ").map((w) => [w, tag] as const);
const FUNCTION_WORDS = new Map<string, Tag>([
  ...classes("det", "a an the my our their your his her its this these those some all any each every other another various several both few many no whose"),
  // Numbers count a noun ("about thirty students", "12 trucks"); they never name one.
  ...classes("det", "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands dozen dozens"),
  ...classes("subject", "i we you they he she someone everyone everybody anyone nobody nothing"),
  ...classes("object", "me us them him it whom myself ourselves themselves others everything something anything what whatever whoever one ones"),
  ...classes("who", "who"),
  ...classes("which", "which that"),
  ...classes("clause", "where when whenever once while if because so until how why whether then"),
  ...classes("prep", "of for with w by from in on at into onto about after before during between among through across along under over around near without per via as like than within upon off out up down back away together against toward towards beside behind beyond despite except inside outside above below beneath"),
  ...classes("to", "to"),
  ...classes("conj", "and or but plus nor & / +"),
  ...classes("aux", "can could will would should must may might shall do does did cannot"),
  ...classes("be", "is are was were be been being am get gets got getting become becomes"),
  ...classes("have", "has have had having"),
  ...classes("verb", "need needs want wants go goes come comes happens arrives"),
  ...classes("adv", "please also often always usually sometimes maybe perhaps otherwise anyway afterwards just only still even really already soon later now again not never ever too very longer online offline here there today tomorrow instead"),
]);
/** Whether the sentence around token `i` is a question ("which tools did my neighbours borrow?"). */
const question = (tokens: string[], i: number) => tokens.slice(i).find((t) => [".", "?", "!"].includes(t)) === "?";

/** Whether a two-word name with a plural head starts at `i`: "home visits", "day passes". */
const compoundPlural = (tokens: string[], i: number) => !isPlural(tokens[i] ?? "") && /^[a-z]/.test(tokens[i + 1] ?? "") && !FUNCTION_WORDS.has(tokens[i + 1]!) && pluralHead(tokens[i + 1]!) && !/[^s]s$/.test(tokens[i] ?? "s");

/** Where the noun phrase just tagged starts: the index of the word before it (a determiner, verb, …), -1 at the start. */
const phraseLead = (tagged: Tagged[]) => tagged.findLastIndex((t) => t.tag !== "noun" && t.tag !== "mod");

/** Whether the noun phrase just tagged began with a determiner of one thing. */
const singularSubject = (tagged: Tagged[]) => {
  const start = phraseLead(tagged);
  // "each week produce boxes are packed": after "each week" another phrase starts.
  const when = tagged.length - start > 2 && CALENDAR_UNITS.has(tagged[start + 1]!.word);
  return start >= 0 && ONE.has(tagged[start]!.word) && !when;
};

/** Whether the noun phrase just tagged is the subject of a relative clause without "that": "music [that] our orchestra owns". */
const relativeSubject = (tagged: Tagged[]) => {
  const start = phraseLead(tagged);
  return start > 0 && tagged[start]!.tag === "det" && tagged[start]!.word !== "whose" && ["noun", "which"].includes(tagged[start - 1]!.tag);
};
/**
 * "Recruiters post job openings, candidates apply, and…": a plural that starts a clause after an earlier clause's verb,
 * then one more word before the comma, is a subject and its verb (a list of nouns has no verb before it).
 */
const coordinated = (tagged: Tagged[]) => {
  const start = phraseLead(tagged);
  const sentence = tagged.findLastIndex((t) => [".", "?", "!", ";", ":"].includes(t.word));
  return start >= 0 && ["punct", "conj"].includes(tagged[start]!.tag) && tagged.slice(sentence + 1, start).some((t) => t.tag === "verb");
};
/** Whether the noun phrase just tagged starts its sentence: "People register, …", not "…, weddings and funerals register". */
const startsSentence = (tagged: Tagged[]) => [undefined, ".", ";", "!", "?"].includes(tagged[phraseLead(tagged)]?.word);
/** Whether the noun phrase just tagged began with a determiner. */
const determined = (tagged: Tagged[]) => tagged[phraseLead(tagged)]?.tag === "det";

/** A token and its tag. */
export interface Tagged {
  word: string;
  tag: Tag;
}

/** Whether `w` is a function word (determiner, pronoun, preposition, conjunction, auxiliary). */
export const isFunctionWord = (w: string) => FUNCTION_WORDS.has(w);

/** The tag a word has by its class alone: punctuation, a number, a function word, an -ly adverb. */
const classOf = (t: string): Tag | undefined =>
  /^[^a-z0-9]/.test(t) && !"&/+".includes(t) ? "punct" : /^\d+$/.test(t) ? "det" : FUNCTION_WORDS.get(t) ?? (t.length > 4 && t.endsWith("ly") && !NOT_ADVERBS.has(t) ? "adv" : undefined);

/** The tag of a function word at `i` (or of a time adjective), given the tags before it; undefined for a content word. */
function functionTag(tokens: string[], i: number, out: Tagged[]): Tag | undefined {
  const word = tokens[i]!;
  const after = tokens[i + 1] ?? ".";
  const tag = classOf(word);
  if (TIME_ADJECTIVES.has(word) && classOf(after) === undefined) return "mod";
  // "what crop goes in each bed": "what" before a noun asks about it, as "which" does.
  if (word === "what" && classOf(after) === undefined) return "det";
  // "wardens do inspections": do after a noun, with a plural or a determiner next, is the main verb.
  // "when i did water changes": so is it before a two-word name.
  if (tag === "aux" && /^(do|does|did)$/.test(word) && ["noun", "who", "subject", "punct", "conj"].includes(out.at(-1)?.tag ?? "") && !question(tokens, i) && (classOf(after) === "det" || (classOf(after) === undefined && (isPlural(after) || compoundPlural(tokens, i + 1))))) return "verb";
  // "track which interns": after a verb or preposition, which/that ask about a noun; after one they start a clause about it.
  if (tag === "which" && !["noun", "punct"].includes(out.at(-1)?.tag ?? "punct")) return "det";
  return tag;
}

/** A content word in its place: what was tagged before it and what comes after. */
interface Place {
  word: string;
  tokens: string[];
  i: number;
  out: Tagged[];
  /** The last token tagged before it, adverbs skipped, and its tag. */
  before?: Tagged;
  prev?: Tag;
  next?: string;
  nextTag: Tag | "content";
  /** Whether an object follows: a determiner (not "whose") or an object pronoun. */
  objectNext: boolean;
  /** Whether an auxiliary came since the last punctuation ("did my neighbours borrow?"). */
  asked: boolean;
}

/** Words that ask a question a clause answers: "shows which gauges are due". */
const QUESTION_WORDS = new Set(["which", "what", "who", "how", "when", "where", "whether"]);
/** Particles of phrasal verbs: "signs off", "fills out". */
const PARTICLES = new Set(["off", "up", "out", "back", "down", "over"]);
/** People named by a participle: "the deceased", "the insured". */
const PEOPLE_IN_ED = new Set(["deceased", "accused", "insured", "bereaved"]);
/** Endings of nouns made from verbs and adjectives, whose -s forms are never verbs: "applications", "memberships". */
const NOMINAL = /(tion|sion|ity|ship|ness)s$/;
/** Nouns made from verbs (`ACT_NOUN`) that are verbs too; the others are never verbs ("a pre-trip inspection each morning"). */
const ACT_NOUN_VERBS = new Set(("mention question function position station auction ration pension sanction section petition audition commission caution condition comment document implement experiment supplement complement compliment segment ferment lament torment cement " +
  "advance balance enhance finance dance glance chance fence commence sentence silence evidence reference experience influence sequence license licence distance").split(" "));

/**
 * How a content word's place decides its tag, tried in order: the first rule that gives a tag wins, and a word no rule
 * tags is a noun.
 */
const PLACE_RULES: ((p: Place) => Tag | undefined)[] = [
  // "which freezer and box each sample is in": "and" after a noun "which" asks about joins another noun.
  ({ prev, out }) => (prev === "conj" && out.at(-2)?.tag === "noun" && out.at(-3)?.word === "which" ? "noun" : undefined),
  // "kids sign up", "and check in when they arrive": a phrasal verb that makes a record.
  ({ word, prev, next }) => (prev !== "det" && phrasalVerb(word, next) !== undefined ? "verb" : undefined),
  // "which press each job ran on": a past form that is no participle is always a verb.
  ({ word }) => (PAST.has(word) && !PARTICIPLES.has(word) ? "verb" : undefined),
  // After a subject pronoun, an auxiliary or "who": "we log", "can book", "who pick", and "it" before an -s word: "the
  // family it belongs to".
  ({ word, prev, before }) => (prev === "subject" || prev === "aux" || prev === "who" || (before?.word === "it" && /[^s]s$/.test(word)) ? "verb" : undefined),
  // "help me track expenses": after "help/let/make" and its object comes a bare infinitive.
  ({ prev, out }) => (prev === "object" && ["help", "let", "make", "helps", "lets", "makes"].includes(out.at(-2)?.word ?? "") ? "verb" : undefined),
  // "proofs customers approve", "the scheduler approves": after a plural, or in its -s form, a verb that is never a
  // name is a verb even at the end of a clause.
  ({ word, prev, before, objectNext, nextTag }) =>
    verbBases(word).some((base) => ONLY_VERBS.has(base)) && prev !== "det"
      && (objectNext || nextTag === "content" || (prev === "noun" && (pluralHead(before!.word) || /[^s]s$/.test(word)))) ? "verb" : undefined,
  // "…, and register for races": a verb that makes a record, starting a clause before its preposition.
  ({ word, prev, nextTag }) =>
    (prev === "conj" || prev === "punct") && nextTag === "prep" && verbRecord(word) !== undefined && !isPlural(word) && !word.endsWith("ing") ? "verb" : undefined,
  // "Track film shoots": an app's verb starts the idea or a clause.
  ({ word, prev }) => ((!prev || prev === "punct") && APP_VERBS.has(word) ? "verb" : undefined),
  // "help a brewery keep batches", "…and track lessons": an app verb after a noun or "and", with its object next;
  // but "punch list items": a list's name after a singular noun is no verb.
  ({ word, prev, before, next, nextTag, objectNext }) =>
    (prev === "noun" || prev === "conj") && APP_VERBS.has(word) && (objectNext || (nextTag === "content" && isPlural(next!)))
      && !(prev === "noun" && !isPlural(before!.word) && listRecord(before!.word, word)) ? "verb" : undefined,
  // "apply to job openings": "to" after a verb that takes no infinitive is a preposition.
  ({ word, prev, out }) =>
    prev === "to" && out.at(-2)?.tag === "verb" && !verbBases(out.at(-2)!.word).some((base) => CATENATIVE.has(base)) ? (isPlural(word) ? "noun" : "mod") : undefined,
  ({ word, prev, tokens, i, out, next, nextTag, objectNext }) => {
    if (prev !== "which") return undefined;
    // "which takes orders" / "that students hand in": a plural before another word is the relative clause's subject;
    // "which pieces each student is learning": one before a determiner or a pronoun is what "which" asks about.
    const subject = isPlural(word) && !isAppVerb(word) && ((nextTag === "content" && !isPlural(next!)) || nextTag === "det" || nextTag === "subject");
    // "which friend borrowed them", "which employee it is assigned to": one before a verb in the past, or before the
    // subject of a clause, is what "which" asks about.
    // "which walker takes which dog": so is one before its verb in the -s form.
    const asks = !isPlural(word) && next !== undefined && (/[^e]ed$/.test(next) || PAST.has(next) || nextTag === "subject" || (next === "it" && classOf(tokens[i + 2] ?? ".") === "be") || (nextTag === "content" && /[^s]s$/.test(next) && !NOMINAL.test(next)));
    // "a shop that shows which gauges are due": a word before a question word is the clause's verb; so is an -s word
    // before a preposition ("a fallen tree, which turns into a work order").
    return !subject && !asks && (objectNext || nextTag === "content" || QUESTION_WORDS.has(next ?? "") || (nextTag === "prep" && out.at(-2)?.word === "," && /[^s]s$/.test(word) && !isPerson(singular(word)))) ? "verb" : "noun";
  },
  ({ word, prev }) => (prev === "to" ? (isPlural(word) ? "noun" : "verb") : undefined),
  ({ word, prev }) => (prev === "be" ? (isPlural(word) && !/ed$/.test(word) ? "noun" : "mod") : undefined),
  ({ word, prev }) => (prev === "have" && /(ed|en)$/.test(word) ? "verb" : undefined),
  // "sessions are scheduled and paid for": a participle coordinated with a passive one.
  ({ word, prev, out }) => (prev === "conj" && out.at(-2)?.tag === "mod" && out.at(-3)?.tag === "be" && (/ed$/.test(word) || PARTICIPLES.has(word)) ? "mod" : undefined),
  // "the wedding arrangements customers order": after two plurals, the second is a relative clause's subject.
  ({ word, prev, before, out }) => (prev === "noun" && pluralHead(before!.word) && out.at(-2)?.tag === "noun" && pluralHead(out.at(-2)!.word) && !isPlural(word) ? "verb" : undefined),
  // "dog owners find sitters": a bare word after a plural is its verb; at a clause's end only after an auxiliary ("did
  // my neighbours borrow?"), for a verb that makes a record ("People register, form teams") or in a clause coordinated
  // with one before; "every crew member": a collective noun after a
  // determiner of one qualifies the next word.
  ({ word, prev, before, out, nextTag, asked }) =>
    prev === "noun" && pluralHead(before!.word) && !isPlural(word) && !(COLLECTIVE.has(before!.word) && singularSubject(out))
      && (nextTag !== "punct" || asked || (verbRecord(word) !== undefined && startsSentence(out)) || (coordinated(out) && singular(before!.word) !== before!.word)) ? "verb" : undefined,
  // "then enters the results", "…and opens a case", "…and returns them": an -s word starting a clause, before its object,
  // is its verb (but in "the treatments and feedings it gets", "it" starts a clause about the feedings).
  ({ word, prev, before, next, nextTag, objectNext, tokens, i }) =>
    /[^s]s$/.test(word) && !NOMINAL.test(word) && !isPerson(singular(word)) && objectNext
      && ((prev === "clause" && before?.word === "then") || (prev === "conj" && (["a", "an", "each", "every"].includes(next ?? "") || (nextTag === "object" && ["punct", "prep"].includes(classOf(tokens[i + 2] ?? ".") ?? ""))))) ? "verb" : undefined,
  // "the recital pieces each kid is working on", "the production runs each batch ended up in": a clause about the -s
  // word follows it, so it is a noun.
  ({ prev, next, tokens, i }) =>
    prev === "noun" && ONE.has(next ?? "") && classOf(tokens[i + 2] ?? ".") === undefined
      && (["be", "aux", "have"].includes(classOf(tokens[i + 3] ?? ".") ?? "") || PAST.has(tokens[i + 3] ?? "") || /[^e]ed$/.test(tokens[i + 3] ?? "")) ? "noun" : undefined,
  // "the landlord assigns repairs", "the farm sells veg boxes" (one noun after its determiner): the -s word after a
  // singular noun is its verb, also before a particle ("the customer signs off"); "track work orders": a noun a verb just
  // took has no verb of its own, and "grant applications" are things.
  // But "the requests people send": a plural of people and their verb after it make a clause about it.
  ({ word, prev, before, out, next, nextTag, objectNext, tokens, i }) =>
    prev === "noun" && !isPlural(before!.word) && out.at(-2)?.tag !== "verb" && /[^s]s$/.test(word) && !isPerson(singular(word)) && !NOMINAL.test(word)
      && !(next !== undefined && isPlural(next) && isPerson(singular(next)) && classOf(tokens[i + 2] ?? ".") === undefined && !isPlural(tokens[i + 2] ?? ""))
      && (objectNext || PARTICLES.has(next ?? "") || (nextTag === "content" && (isPlural(next!) || (out.at(-2)?.tag === "det" && !PERSON_PLURAL.test(word) && compoundPlural(tokens, i + 1)) || isAppVerb(word))) || singularSubject(out) || relativeSubject(out))
      ? "verb" : undefined,
  // "the sheet music our orchestra owns": a determiner inside a determined phrase starts a relative clause.
  ({ word, prev, out, next }) => (["noun", "mod", "det"].includes(prev ?? "") && determined(out) && PHRASE_START.has(next ?? "") && !isPlural(word) ? "noun" : undefined),
  // "which bag of flour it came from": after a preposition comes a noun.
  ({ word, prev }) => (prev === "prep" && !/(ing|[^e]ed)$/.test(word) ? "noun" : undefined),
  // "…and hold monthly meetups": a bare word before "the", "them" or an adjective is a verb (nouns qualify nouns, not adjectives).
  ({ word, prev, next, nextTag, objectNext, tokens, i }) =>
    prev !== "det" && (objectNext || ((nextTag === "adv" || ADJECTIVES.has(next!)) && classOf(tokens[i + 2] ?? ".") === undefined)) && !isPlural(word) ? "verb" : undefined,
  // "the repotting I do", "in a weekly meeting": an -ing word a determiner leads and no noun follows is a thing.
  ({ word, prev, out, nextTag }) => (/ing$/.test(word) && (prev === "det" || (prev === "mod" && determined(out))) && nextTag !== "content" ? "noun" : undefined),
  // "guests, RSVPs, table seating, vendors": an -ing word after a singular noun, ending a list's item, names a thing.
  // ("tennis court booking" is a booking: see `proseEntities`).
  ({ word, prev, before, next, nextTag }) =>
    /ing$/.test(word) && prev === "noun" && !isPlural(before!.word) && (nextTag === "punct" || next === "and" || next === "or") && verbRecord(word) === undefined ? "noun" : undefined,
  ({ word }) => (/ing$/.test(word) || (/[^e]ed$/.test(word) && !PEOPLE_IN_ED.has(word)) || PARTICIPLES.has(word) ? "mod" : undefined),
];

function placeTag(place: Place): Tag {
  for (const rule of PLACE_RULES) {
    const tag = rule(place);
    if (tag === "verb" && ACT_NOUN.test(place.word) && !ACT_NOUN_VERBS.has(singular(place.word))) return "noun";
    if (tag) return tag;
  }
  return "noun";
}

/** Tags each token of `tokens` (lowercase words and punctuation), deciding verbs by their place. */
export function tagTokens(tokens: string[]): Tagged[] {
  const out: Tagged[] = [];
  let asked = false;
  tokens.forEach((word, i) => {
    const tag = functionTag(tokens, i, out);
    if (tag === "punct") asked = false;
    if (tag === "aux") asked = true;
    if (tag) return out.push({ word, tag });
    const before = out.findLast((t) => t.tag !== "adv");
    const next = tokens[i + 1];
    const nextTag = next === undefined ? "punct" : classOf(next) ?? "content";
    // "the seasonal workers whose hours": "whose" follows a noun, never a verb; "lessons each week" say when, not what;
    // "which driver drives which bus": "which" before a noun is an object's determiner.
    const objectNext = (nextTag === "det" && next !== "whose" && !saysWhen(tokens, i + 1)) || nextTag === "object" || (next === "which" && /[^s]s$/.test(word) && classOf(tokens[i + 2] ?? ".") === undefined);
    const place: Place = { word, tokens, i, out, before, prev: before?.tag, next, nextTag, objectNext, asked };
    out.push({ word, tag: placeTag(place) });
  });
  return out;
}
