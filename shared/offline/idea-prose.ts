/**
 * @module The record types an idea names in prose ("customers drop off bikes and mechanics log repairs",
 * "patients are referred by doctors"): subjects, objects, passive agents and the nouns of "by/for/to" phrases
 * and relative clauses. Read with English's closed set of function words and word endings, not a dictionary:
 * which words are verbs follows from where they stand (after "we", "who", "to", a modal, a plural subject, or
 * before "the"/"them").
 */
import { ENTITY_ROLES, roleOf } from "./domain.ts";
import { singular } from "./text.ts";

/** What a token is: a function word's class, or what its place makes of a content word. */
export type Tag = "det" | "subject" | "object" | "who" | "which" | "clause" | "prep" | "to" | "conj" | "aux" | "be" | "have" | "adv" | "punct" | "verb" | "noun" | "mod";

const classes = (tag: Tag, words: string) => words.split(" ").map((w) => [w, tag] as const);
const FUNCTION_WORDS = new Map<string, Tag>([
  ...classes("det", "a an the my our their your his her its this these those some all any each every other another various several both few many no whose"),
  // Numbers count a noun ("about thirty students", "12 trucks"); they never name one.
  ...classes("det", "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands dozen dozens"),
  ...classes("subject", "i we you they he she someone everyone everybody anyone nobody"),
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
  ...classes("verb", "need needs want wants goes comes happens arrives"),
  ...classes("adv", "also often always usually just only still even really already soon later now again not never ever too very longer online offline here there today tomorrow instead"),
]);
/** Verbs ideas are made of ("Track film shoots", "an app that logs runs"); elsewhere these words are often nouns. */
const APP_VERBS = new Set("track log manage keep record organise organize plan schedule help build make create run monitor store list share find let handle".split(" "));
/** Words ending in -ly that are not adverbs. */
const NOT_ADVERBS = new Set(["family", "supply", "reply", "assembly", "ally", "rally", "apply", "rely", "comply", "multiply"]);
/** Adverbs of time that qualify a noun after them: "their monthly invoice", but "we invoice clients monthly". */
const TIME_ADJECTIVES = new Set("daily weekly monthly quarterly yearly nightly hourly fortnightly".split(" "));
/** Verbs that are not record names in ideas: after "and" ("…and send offers") they start a clause, not a two-word name. */
const ONLY_VERBS = new Set("send give take make let see receive assign approve choose keep help find buy sell teach bring calculate enroll enrol capture eat ate apply collect deliver notify remind submit upload move decide".split(" "));
/** Verbs followed by an infinitive ("need to track"); after any other verb, "to" is a preposition ("apply to job openings"). */
const CATENATIVE = new Set("need want plan try like love hope help learn decide remember forget able going have has".split(" "));
/** Plurals that qualify the noun after them ("sports league", "kids football"), so the word after them is no verb. */
const PLURAL_MODIFIERS = new Set(["sports", "arts", "sales", "savings", "goods", "kids", "children", "mens", "womens", "dues", "accounts"]);
/** Nouns that are plural without an -s ("staff swap shifts"). */
const COLLECTIVE = new Set(["staff", "personnel", "crew"]);
/** Nouns whose plural is the word itself: bare, they are many ("sheep (ewes and rams), lambing"). */
const INVARIANT = new Set(["sheep", "fish", "deer", "species", "series", "moose", "aircraft", "cattle", "livestock", "poultry", "goods", "clothes", "premises"]);
/** Nouns that are never records of their own in prose: time units, places in general, the app itself. */
const NOT_RECORDS = new Set(("thing stuff way time day week weekend month year hour minute second today tonight place kind sort type bit " +
  "monday tuesday wednesday thursday friday saturday sunday " +
  "people person everyone care chart graph dashboard overview insight statistic stat feature hand export import login search").split(" "));
/** Fields of a record, not records: "- Members: name, email, belt level". */
export const FIELDS = new Set("name email phone address date status price amount description title age birthday size colour color height length width".split(" "));
/** What a determiner's singular noun may be besides a record: the app itself, a part of time or of a whole, a record's field. */
const NOT_ONE_RECORD = new Set(("track tracker planner organiser organizer log diary register registry catalog catalogue database spreadsheet portal hub board list " +
  "end rest whole same start beginning middle top bottom side front lot bit couple number " +
  "expiry expiration deadline cost quantity qty schedule").split(" ").concat([...FIELDS]));
/** Determiners of the user's own: "our marina", "my band" are who the app is for, not its records. */
const OWN = new Set(["my", "our", "your", "this", "that", "these", "those"]);
/** Words that, followed by "of", count or gather what comes after: "a couple of garden centres", "a registry of trees". */
const GATHERS = new Set("couple lot number bunch set range variety kind type sort rest end half pair total amount list registry register inventory log collection catalog catalogue database series".split(" "));
/** Names of lists whose records are the word before: "the guest list" keeps guests, "their inspection history" inspections, "insurance info" insurance. */
const LIST_HEADS = new Set(["list", "history", "roster", "inventory", "info", "information", "details"]);
/** What "contact info" or "phone details" hold is a record's field, not records. */
const FIELD_HEADS = new Set(["info", "information", "details"]);
/** Names of apps and collections whose records are the known record noun before: "recipe app", "vinyl record collection" (not "gym app"). */
const APP_HEADS = new Set(["app", "tracker", "catalog", "catalogue", "collection", "planner", "organiser", "organizer", "database"]);
/** Names of logs whose records are what the word before does: "a watering log" keeps waterings. */
const LOG_HEADS = new Set(["log"]);
/**
 * The record one list's, log's or app's name keeps (`guest`, `list` → "guest"; `watering`, `log` → "watering";
 * `recipe`, `app` → "recipe"); "pick lists" are records themselves.
 */
export function listRecord(modifier: string, head: string): string | undefined {
  if (APP_HEADS.has(head)) return APP_HEADS.has(modifier) || ["generic", "person"].includes(roleOf(singular(modifier))) ? undefined : singular(modifier);
  if (FIELD_HEADS.has(head) && (FIELDS.has(modifier) || modifier === "contact")) return undefined;
  if (LIST_HEADS.has(head) && !/ing$/.test(modifier)) return singular(modifier);
  return LOG_HEADS.has(head) && /ing$/.test(modifier) ? modifier : undefined;
}
/** What "per" prices by rather than a record: "per word", "per mile" (but "paint colors per room"). */
const PER_UNITS = new Set("word page mile km kilometre kilometer unit head piece kg pound litre liter gallon".split(" "));
/** Time units: "each term", "every season" say when, not what (in the plural they may be records: "hours"). */
const TIME_UNITS = new Set("term semester season night morning evening".split(" "));
/** Units of the calendar, never records on their own ("each week"). */
const CALENDAR_UNITS = new Set("day week weekend month year hour".split(" "));
/** What an idea calls the app itself ("a tool where…"); their plurals are records ("neighbours borrow tools"). */
const APP_WORDS = new Set("app tool system software platform website site idea business company".split(" "));
/** Adjectives that qualify a record without naming it ("local shops", "new routes"). */
const ADJECTIVES = new Set("double specific particular individual new old small big large local weekly daily monthly yearly favourite favorite own different next last first current upcoming past regular main whole free open elderly young little good best same certain special private public various".split(" "));

/**
 * Verbs that name a record of their own: "friends borrow games" keeps loans, "members vote" keeps votes.
 * Only lasting arrangements between two of the idea's parties; "clients pay invoices" and "teams submit projects"
 * already name their record.
 */
const VERB_RECORDS: Record<string, string> = {
  borrow: "loan", lend: "loan", lent: "loan", loan: "loan", vote: "vote", swap: "swap", trade: "trade", refer: "referral", book: "booking", reserve: "reservation",
  rent: "rental", lease: "lease", rate: "rating", review: "review", donate: "donation", apply: "application", enrol: "enrolment", enroll: "enrollment", register: "registration",
  bid: "bid", subscribe: "subscription", score: "score", interview: "interview", hire: "booking", invoice: "invoice", pay: "payment", paid: "payment",
  inspect: "inspection", triage: "triage", visit: "visit", pitch: "pitch", match: "match",
  sell: "sale", sold: "sale", buy: "purchase", bought: "purchase", bill: "invoice", certify: "certification", certified: "certification", diagnose: "diagnosis",
};
/** Records of a time taken: booking an appointment makes no booking besides the appointment. */
const SCHEDULED = new Set(["booking", "reservation"]);
/** Records of money owed: paying rent or invoices names its record already; paying a tutor, or paying for sessions, does not. */
const CHARGED = new Set(["payment", "invoice"]);
/**
 * Records of goods changing hands, kept only when no record names the goods: "what sold", "when an item sells",
 * "we sell to customers", but not "sell day passes", "the tours we sell" or "tickets are sold".
 */
const TRADED = new Set(["sale", "purchase"]);
const unnamedGoods = (tagged: Tagged[], i: number) => {
  const subject = tagged[i - 1];
  const what = subject?.word === "what" || (subject?.tag === "subject" && tagged[i - 2]?.word === "what");
  const thing = subject?.tag === "noun" && !isPerson(singular(subject.word)) && ONE.has(tagged[i - 2]?.word ?? "");
  const toSomeone = tagged[i + 1]?.word === "to" && !(subject?.tag === "subject" && tagged[i - 2]?.tag === "noun");
  // "what sold out" ran out of stock.
  return subject?.tag !== "be" && tagged[i + 1]?.word !== "out" && (what || thing || toSomeone);
};
/** Verbs whose record is about things only: hiring a room is a booking, hiring staff is not. */
const THING_VERBS = new Set(["hire"]);
/** Who does what a verb says, when the idea asks "who borrowed them" without naming them: the borrower is a record. */
const AGENTS: Record<string, string> = { borrow: "borrower", rent: "renter", buy: "buyer", bought: "buyer", find: "finder", found: "finder", lend: "lender", lent: "lender" };
/** The person "track who borrowed them" asks about; none when "who" follows the noun it is about ("members who rent"). */
const askedAgent = (tagged: Tagged[], i: number) =>
  tagged[i - 1]?.tag === "who" && !["noun", "mod"].includes(tagged[i - 2]?.tag ?? "") ? verbBases(tagged[i]!.word).map((base) => AGENTS[base]).find(Boolean) : undefined;

const isAppVerb = (w: string) => verbBases(w).some((base) => APP_VERBS.has(base));
const isPlural = (w: string) => COLLECTIVE.has(w) || INVARIANT.has(w) || singular(w) !== w;
/** A plural that heads its own phrase (so a word after it starts another): "tenants pay rent", not "sports league". */
export const pluralHead = (w: string) => isPlural(w) && !PLURAL_MODIFIERS.has(w);
const isWord = (w: string) => /^[a-z][a-z-]*$/.test(w);
/** Whether `w` qualifies the noun after it as part of its name ("fuel receipts"); "app clients" are clients. */
const isModifier = (w: string) => /^[a-z0-9][a-z0-9-]*$/.test(w) && !ADJECTIVES.has(w) && !/[^e]ed$/.test(w) && w.length > 1 && !["app", "software", "platform", "website", "system"].includes(w);

/** The base forms a verb form may come from: `borrowed` → borrow, `referred` → refer, `applies` → apply. */
export function verbBases(w: string): string[] {
  const out = [w, w.replace(/s$/, ""), w.replace(/es$/, ""), w.replace(/ies$/, "y"), w.replace(/d$/, ""), w.replace(/ed$/, ""), w.replace(/ied$/, "y"), w.replace(/([b-df-hj-np-tv-z])\1ed$/, "$1"), w.replace(/ing$/, ""), w.replace(/ing$/, "e")];
  return [...new Set(out)];
}
export const verbRecord = (w: string) => verbBases(w).map((base) => VERB_RECORDS[base]).find(Boolean);
/** "equipment is checked out by students", "members check tools out": a checkout, like a loan. */
const checkedOut = (tagged: Tagged[], i: number) =>
  verbBases(tagged[i]!.word).includes("check") && tagged.slice(i + 1, i + 4).some((t) => t.word === "out") ? "checkout" : undefined;
/** Phrasal verbs whose doing is a record: "climbers sign up for sessions", "guests check in", "caregivers clock in". */
const PHRASAL_RECORDS: Record<string, string> = { "sign up": "sign up", "sign in": "sign in", "check in": "check in", "clock in": "clock in" };
const phrasalRecord = (tagged: Tagged[], i: number) =>
  verbBases(tagged[i]!.word).map((base) => PHRASAL_RECORDS[`${base} ${tagged[i + 1]?.word}`]).find(Boolean) ?? checkedOut(tagged, i);

/** Whether the sentence around token `i` is a question ("which tools did my neighbours borrow?"). */
const question = (tokens: string[], i: number) => tokens.slice(i).find((t) => [".", "?", "!"].includes(t)) === "?";

/** Verbs of an app that keeps a log: what they track "when I do it" is an event record. */
const LOG_VERBS = new Set(["track", "log", "record", "remember", "keep"]);
/** `watered` → water, `repotted` → repot (a silent e lost here is lost again by `gerund`: `shaved` → shav → shaving). */
const presentOf = (w: string) => (/([b-df-hj-np-tv-z])\1ed$/.test(w) ? w.slice(0, -3) : /ied$/.test(w) ? `${w.slice(0, -3)}y` : /[^aeiou]ed$/.test(w) ? w.slice(0, -2) : w);
/** `water` → watering, `repot` → repotting, `prune` → pruning: doubling only after a short stressed vowel (not -er, -en, -on, -el). */
export const gerund = (w: string) =>
  w.endsWith("e") && !w.endsWith("ee") ? `${w.slice(0, -1)}ing` : /[^aeiou][aeiou][b-df-hj-np-tvz]$/.test(w) && !/(er|en|on|el|it|et)$/.test(w) ? `${w}${w.at(-1)}ing` : `${w}ing`;

/** Plurals of people ("the dog groomers leave notes"), never taken for a verb before a two-word name. */
const PERSON_PLURAL = /(er|or|ist|ian)s$/;
/** Whether a two-word name with a plural head starts at `i`: "home visits", "day passes". */
const compoundPlural = (tokens: string[], i: number) => !isPlural(tokens[i] ?? "") && /^[a-z]/.test(tokens[i + 1] ?? "") && !FUNCTION_WORDS.has(tokens[i + 1]!) && pluralHead(tokens[i + 1]!) && !/[^s]s$/.test(tokens[i] ?? "s");

/** Where the noun phrase just tagged starts: the index of the word before it (a determiner, verb, …), -1 at the start. */
const phraseLead = (tagged: Tagged[]) => tagged.findLastIndex((t) => t.tag !== "noun" && t.tag !== "mod");

/** Determiners of one thing: "each volunteer signs up" cannot be a phrase "volunteer signs". */
const ONE = new Set(["a", "an", "each", "every", "this", "another"]);
/** Whether the noun phrase just tagged began with a determiner of one thing. */
const singularSubject = (tagged: Tagged[]) => {
  const start = phraseLead(tagged);
  // "each week produce boxes are packed": after "each week" another phrase starts.
  const when = tagged.length - start > 2 && CALENDAR_UNITS.has(tagged[start + 1]!.word);
  return start >= 0 && ONE.has(tagged[start]!.word) && !when;
};

/** Past participles without -ed, read after "are scheduled and …". */
const PARTICIPLES = new Set("paid sold sent made given taken lent bought built held kept done seen told brought shown written broken stolen chosen frozen forgotten hidden eaten driven spoken".split(" "));
/** Verbs in the past without -ed ("which donor gave them"). */
const PAST = new Set([...PARTICIPLES, ..."gave took came went ran wrote drove rode ate got had did".split(" ")]);
/** Determiners that start a noun phrase right after another one: "the sheet music our orchestra owns". */
const PHRASE_START = new Set("the a an my our their your his her its this these those".split(" "));
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
/** Whether the noun phrase just tagged began with a determiner. */
const determined = (tagged: Tagged[]) => tagged[phraseLead(tagged)]?.tag === "det";

/**
 * Whether the singular noun phrase `start..end` is a record because a determiner leads it: "which reporter is assigned",
 * "the foreman on each one", "assigns them to a contractor", "the motorist's insurer". Only once the idea has named a
 * record (before that, "a small yoga studio" and "my band" are who the app is for), or when the app keeps it ("track the
 * guest list"). Not when it is the app, a part of time or a field, what "a couple of" counts, or an audience ("for my
 * cousin's bakery" before any verb).
 */
function determinedRecord(tagged: Tagged[], start: number, end: number, sawVerb: boolean, afterRecords: boolean): boolean {
  const lead = tagged[start - 1];
  const head = singular(tagged[end]!.word);
  // "my customer list" is the user's, its customers are records.
  if (!lead || !["det", "which"].includes(lead.tag) || (OWN.has(lead.word) && !LIST_HEADS.has(head))) return false;
  // "I track the guest list": what the app keeps is a record wherever it stands.
  const kept = tagged[start - 2]?.tag === "verb" && verbBases(tagged[start - 2]!.word).some((base) => LOG_VERBS.has(base));
  // "When a customer drops off a bike": a person doing something whenever it happens is no context, even first.
  const acting = tagged[start - 2]?.tag === "clause" && isPerson(head) && ["verb", "aux", "be"].includes(tagged[end + 1]?.tag ?? "");
  if (!afterRecords && !kept && !acting) return false;
  if ((NOT_ONE_RECORD.has(head) && !LIST_HEADS.has(head)) || APP_WORDS.has(head)) return false;
  if (GATHERS.has(head) && tagged[end + 1]?.word === "of") return false;
  if (lead.word === "the" && !kept && !oneOfMany(tagged, start, end, head)) return false;
  let before = start - 1;
  while (before >= 0 && ["det", "which", "noun", "mod"].includes(tagged[before]!.tag)) before--;
  return !(tagged[before]?.word === "for" && !sawVerb);
}

/**
 * Whether "the <head>" at `start..end` is one of many: a clause is about it ("the recipe I used"), a person does something
 * or has it done ("the customer signs", "bill the client", not "the band lends"), "the foreman on each one", or it is a
 * list's item. "By the captain." and "at the food bank this week" are one of a kind.
 */
function oneOfMany(tagged: Tagged[], start: number, end: number, head: string): boolean {
  const next = tagged[end + 1];
  if (isPerson(head) && tagged[start - 2]?.tag === "verb") return true;
  if (!next) return false;
  const then = tagged.slice(end + 2).find((t) => t.tag !== "mod");
  return ["subject", "who", "which", "conj"].includes(next.tag)
    || (isPerson(head) && ["verb", "be", "have", "aux"].includes(next.tag))
    || (next.tag === "punct" && next.word !== ".")
    || (next.tag === "det" && then !== undefined && !NOT_RECORDS.has(singular(then.word)))
    || (next.tag === "prep" && ["each", "every", "duty", "call", "site"].includes(tagged[end + 2]?.word ?? ""));
}

/** Whether a (singular) noun names people: a person's role ("walker", "dentist"), or a group of them. */
const isPerson = (noun: string) => roleOf(noun) === "person" || ["people", "kid", "team", "crew"].includes(noun);

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
  if (tag === "aux" && /^(do|does|did)$/.test(word) && ["noun", "who", "subject", "punct", "conj"].includes(out.at(-1)?.tag ?? "") && !question(tokens, i) && (classOf(after) === "det" || (classOf(after) === undefined && isPlural(after)))) return "verb";
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

/**
 * How a content word's place decides its tag, tried in order: the first rule that gives a tag wins, and a word no rule
 * tags is a noun.
 */
const PLACE_RULES: ((p: Place) => Tag | undefined)[] = [
  // "which freezer and box each sample is in": "and" after a noun "which" asks about joins another noun.
  ({ prev, out }) => (prev === "conj" && out.at(-2)?.tag === "noun" && out.at(-3)?.word === "which" ? "noun" : undefined),
  // "which press each job ran on": a past form that is no participle is always a verb.
  ({ word }) => (PAST.has(word) && !PARTICIPLES.has(word) ? "verb" : undefined),
  // After a subject pronoun, an auxiliary or "who": "we log", "can book", "who pick".
  ({ prev }) => (prev === "subject" || prev === "aux" || prev === "who" ? "verb" : undefined),
  // "help me track expenses": after "help/let/make" and its object comes a bare infinitive.
  ({ prev, out }) => (prev === "object" && ["help", "let", "make", "helps", "lets", "makes"].includes(out.at(-2)?.word ?? "") ? "verb" : undefined),
  // "proofs customers approve": after a plural, a verb that is never a name is a verb even at the end of a clause.
  ({ word, prev, before, objectNext, nextTag }) =>
    verbBases(word).some((base) => ONLY_VERBS.has(base)) && prev !== "det" && (objectNext || nextTag === "content" || (prev === "noun" && pluralHead(before!.word))) ? "verb" : undefined,
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
  ({ word, prev, tokens, i, next, nextTag, objectNext }) => {
    if (prev !== "which") return undefined;
    // "which takes orders" / "that students hand in": a plural before another word is the relative clause's subject;
    // "which pieces each student is learning": one before a determiner or a pronoun is what "which" asks about.
    const subject = isPlural(word) && !isAppVerb(word) && ((nextTag === "content" && !isPlural(next!)) || nextTag === "det" || nextTag === "subject");
    // "which friend borrowed them", "which employee it is assigned to": one before a verb in the past, or before the
    // subject of a clause, is what "which" asks about.
    const asks = !isPlural(word) && next !== undefined && (/[^e]ed$/.test(next) || PAST.has(next) || nextTag === "subject" || (next === "it" && classOf(tokens[i + 2] ?? ".") === "be"));
    return !subject && !asks && (objectNext || nextTag === "content") ? "verb" : "noun";
  },
  ({ word, prev }) => (prev === "to" ? (isPlural(word) ? "noun" : "verb") : undefined),
  ({ word, prev }) => (prev === "be" ? (isPlural(word) && !/ed$/.test(word) ? "noun" : "mod") : undefined),
  ({ word, prev }) => (prev === "have" && /(ed|en)$/.test(word) ? "verb" : undefined),
  // "sessions are scheduled and paid for": a participle coordinated with a passive one.
  ({ word, prev, out }) => (prev === "conj" && out.at(-2)?.tag === "mod" && out.at(-3)?.tag === "be" && (/ed$/.test(word) || PARTICIPLES.has(word)) ? "mod" : undefined),
  // "the wedding arrangements customers order": after two plurals, the second is a relative clause's subject.
  ({ word, prev, before, out }) => (prev === "noun" && pluralHead(before!.word) && out.at(-2)?.tag === "noun" && pluralHead(out.at(-2)!.word) && !isPlural(word) ? "verb" : undefined),
  // "dog owners find sitters": a bare word after a plural is its verb; at a clause's end only after an auxiliary ("did
  // my neighbours borrow?") or in a clause coordinated with one before; "every crew member": a collective noun after a
  // determiner of one qualifies the next word.
  ({ word, prev, before, out, nextTag, asked }) =>
    prev === "noun" && pluralHead(before!.word) && !isPlural(word) && !(COLLECTIVE.has(before!.word) && singularSubject(out))
      && (nextTag !== "punct" || asked || (coordinated(out) && singular(before!.word) !== before!.word)) ? "verb" : undefined,
  // "the recital pieces each kid is working on": a clause about the -s word follows it, so it is a noun.
  ({ prev, next, tokens, i }) =>
    prev === "noun" && ONE.has(next ?? "") && classOf(tokens[i + 2] ?? ".") === undefined && ["be", "aux", "have"].includes(classOf(tokens[i + 3] ?? ".") ?? "") ? "noun" : undefined,
  // "the landlord assigns repairs", "the farm sells veg boxes" (one noun after its determiner): the -s word after a
  // singular noun is its verb; "track work orders": a noun a verb just took has no verb of its own.
  ({ word, prev, before, out, next, nextTag, objectNext, tokens, i }) =>
    prev === "noun" && !isPlural(before!.word) && out.at(-2)?.tag !== "verb" && /[^s]s$/.test(word) && !isPerson(singular(word))
      && (objectNext || (nextTag === "content" && (isPlural(next!) || (out.at(-2)?.tag === "det" && !PERSON_PLURAL.test(word) && compoundPlural(tokens, i + 1)) || isAppVerb(word))) || singularSubject(out) || relativeSubject(out))
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
  ({ word }) => (/ing$/.test(word) || /[^e]ed$/.test(word) || PARTICIPLES.has(word) ? "mod" : undefined),
];

function placeTag(place: Place): Tag {
  for (const rule of PLACE_RULES) {
    const tag = rule(place);
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
    // "the seasonal workers whose hours": "whose" follows a noun, never a verb.
    const objectNext = (nextTag === "det" && next !== "whose") || nextTag === "object";
    const place: Place = { word, tokens, i, out, before, prev: before?.tag, next, nextTag, objectNext, asked };
    out.push({ word, tag: placeTag(place) });
  });
  return out;
}

/** A record type read from prose, where it stands in the text, and the record types its phrasing says it refers to. */
export interface ProseEntity {
  name: string;
  at: number;
  refs: string[];
}

/**
 * The record types `text` (lowercase, list punctuation kept) names in its clauses, in order:
 * plural nouns wherever they stand, singular ones a determiner leads once a record is named ("which reporter is
 * assigned"), known record nouns next to a verb ("staff swap shifts"), and the records
 * transaction verbs imply (a loan refers to what is borrowed and who borrows it). The audience of "an app for
 * dog walkers" is who uses the app, not a record. Also returns the words read as verbs, and the (singular) nouns.
 */
export function proseEntities(tokens: string[]): { entities: ProseEntity[]; verbs: Set<string>; nouns: Set<string> } {
  const tagged = tagTokens(tokens);
  const nouns = new Set(tagged.filter((t) => t.tag === "noun").map((t) => singular(t.word).replace(/-/g, " ").split(" ").at(-1)!));
  const entities: ProseEntity[] = [];
  const verbs = new Set<string>();
  const add = (name: string, at: number, refs: string[] = []) => {
    const found = entities.find((e) => e.name === name);
    if (found) found.refs.push(...refs.filter((r) => r !== name && !found.refs.includes(r)));
    else entities.push({ name, at, refs: refs.filter((r) => r !== name) });
  };
  let sawVerb = false;
  const phrases: { name: string; at: number; end: number }[] = [];
  for (let i = 0; i < tagged.length; i++) {
    const { word, tag } = tagged[i]!;
    // "tickets are sold for screenings": after a passive, "for" names no audience.
    if (tag === "mod" && tagged[i - 1]?.tag === "be") sawVerb = true;
    if (tag === "verb") {
      sawVerb = true;
      verbs.add(word);
    }
    if (tag !== "noun" && tag !== "mod") continue;
    let end = i;
    // "proofs customers approve": a plural ends its phrase, unless it qualifies the next word ("sports league", "farmers markets").
    const ends = (t: Tagged, next: Tagged) => t.tag === "noun" && singular(t.word) !== t.word && pluralHead(t.word) && !(isPerson(singular(t.word)) && !isPerson(singular(next.word)));
    // "each week produce boxes are packed": "each week" says when, and ends there.
    const when = (at: number) => ["each", "every", "per"].includes(tagged[at - 1]?.word ?? "") && (TIME_UNITS.has(tagged[at]!.word) || CALENDAR_UNITS.has(tagged[at]!.word));
    while (end + 1 < tagged.length && ["noun", "mod"].includes(tagged[end + 1]!.tag) && !ends(tagged[end]!, tagged[end + 1]!) && !when(end)) end++;
    const run = tagged.slice(i, end + 1);
    const last = run.findLastIndex((t) => t.tag === "noun");
    const start = i;
    i = end;
    if (last < 0) continue;
    const head = run[last]!.word;
    const lead = tagged[start - 1];
    // "an app for dog walkers" names who uses it; "a diary for construction projects" names what it keeps.
    const audience = lead?.word === "for" && !sawVerb && isPerson(singular(head));
    const bare = !lead || !["det", "which"].includes(lead.tag);
    const nearVerb = lead?.tag === "verb" || tagged[end + 1]?.tag === "verb";
    const one = singular(head);
    const modifier = last > 0 ? run[last - 1]!.word : undefined;
    const keep = modifier !== undefined && isModifier(modifier);
    if (!isWord(head) || head.length < 3 || (NOT_RECORDS.has(one) && !keep) || (APP_WORDS.has(head) && !keep) || audience) continue;
    // "lots of suppliers" counts them; "reports linked to lots" keeps lots.
    if (GATHERS.has(one) && tagged[end + 1]?.word === "of") continue;
    // Singular: "each gardener", "staff swap shifts", "need sheet music" (a compound after a verb).
    // "volunteers are on shift": a bare activity after a preposition is one of its records.
    const onDuty = lead?.tag === "prep" && last === 0 && ENTITY_ROLES[one] === "activity";
    // "the sheet music our orchestra owns": what a relative clause is about.
    const relative = !bare && tagged[end + 1]?.tag === "det" && PHRASE_START.has(tagged[end + 1]!.word) && tagged.slice(end + 2).find((t) => t.tag !== "noun" && t.tag !== "mod")?.tag === "verb" && tagged[end + 2]?.tag === "noun";
    // "equipment is checked out by crew members": the subject of a passive is what is handled.
    const handled = bare && (!lead || ["punct", "conj", "clause"].includes(lead.tag)) && tagged[end + 1]?.tag === "be" && tagged[end + 2]?.tag === "mod";
    // "and product we sell at the counter": a clause about a bare noun, without "that", after a record.
    const described = bare && phrases.length > 0 && ["conj", "punct", "verb"].includes(lead?.tag ?? "") && tagged[end + 1]?.tag === "subject" && ["verb", "aux", "have"].includes(tagged[end + 2]?.tag ?? "");
    // "which freezer and box": a noun joined to the record just named is one too.
    // "houseplant watering log", "lumber inventory and…", "guest list with RSVPs": what a list or log keeps, unless more is said of it.
    const logged = keep && listRecord(modifier!, head) !== undefined && [undefined, ".", ",", "and", "with"].includes(tagged[end + 1]?.word);
    const joined = bare && ["and", "or"].includes(lead?.word ?? "") && phrases.at(-1)?.end === start - 2 && !isPlural(tagged[start - 2]!.word);
    const single = [
      onDuty, relative, handled, joined, logged, described,
      determinedRecord(tagged, start, end, sawVerb, phrases.length > 0),
      ["each", "every"].includes(lead?.word ?? ""),
      lead?.word === "per" && !PER_UNITS.has(one),
      bare && nearVerb && ENTITY_ROLES[one] !== undefined,
      bare && lead?.tag === "verb" && keep && run[last - 1]!.tag === "noun",
    ].some(Boolean);
    if (!isPlural(head) && (!single || TIME_UNITS.has(one))) continue;
    const name = (keep && listRecord(modifier!, head)) || [keep ? modifier : undefined, one].filter(Boolean).join(" ").replace(/-/g, " ");
    phrases.push({ name, at: start + last, end });
    add(name, start + last);
  }
  // Transaction verbs: the record they imply refers to the nearest records before and after the verb.
  tagged.forEach(({ word, tag }, i) => {
    const agent = askedAgent(tagged, i);
    if (agent) add(agent, i);
    // "confirmed by hosts, and reviewed": a participle that modifies no noun is a verb too.
    // "…, prescriptions and billing": an -ing word among records is one; "Scheduling and billing for tutors" names none.
    const participle = tag === "mod" && !["noun", "mod"].includes(tagged[i + 1]?.tag ?? "") && (!word.endsWith("ing") || phrases.length > 0);
    const record = tag === "verb" || participle ? verbRecord(word) ?? phrasalRecord(tagged, i) : undefined;
    if (!record) return;
    const subject = phrases.findLast((p) => p.end < i && i - p.end <= 3);
    const object = phrases.find((p) => p.at > i && p.at - i <= 3);
    // "owners book appointments": the appointment is the booking; "clients pay invoices": the invoice is the payment.
    const objectRole = object ? roleOf(object.name) : undefined;
    if (SCHEDULED.has(record) && objectRole === "activity") return;
    // "tenants pay rent": the object names the money even when it is not a record of its own.
    const paid = tagged.slice(i + 1, i + 4).find((t) => t.tag !== "det" && t.tag !== "mod");
    if (CHARGED.has(record) && paid?.tag === "noun" && ENTITY_ROLES[singular(paid.word)] !== "person") return;
    if (TRADED.has(record) && !unnamedGoods(tagged, i)) return;
    // "their invoice got paid": the invoice is the record of the payment.
    if (CHARGED.has(record) && !object && subject && roleOf(subject.name) === "money") return;
    if (objectRole === "person" && verbBases(word).some((base) => THING_VERBS.has(base))) return;
    // "tennis club court booking": the noun before a record's own -ing word names what is booked.
    const named = participle && word === record && tagged[i - 1]?.tag === "noun" && isModifier(tagged[i - 1]!.word) && !isPlural(tagged[i - 1]!.word) ? `${singular(tagged[i - 1]!.word)} ` : "";
    add(`${named}${record}`, i, [object?.name, subject?.name].filter((r): r is string => Boolean(r)));
  });
  // "Track my houseplants, how often I water them and when I repot them", "when I water and fertilize them": what a
  // tracker logs is each time it happens.
  const tracks = (i: number) => tagged.slice(0, i).some((t) => t.tag === "verb" && LOG_VERBS.has(t.word));
  tagged.forEach(({ tag }, i) => {
    if (tag !== "verb" || tagged[i - 1]?.tag !== "subject" || !["when", "often"].includes(tagged[i - 2]?.word ?? "") || !tracks(i)) return;
    const done = [i];
    while (tagged[done.at(-1)! + 1]?.word === "and" && /^[a-z]+$/.test(tagged[done.at(-1)! + 2]?.word ?? "")) done.push(done.at(-1)! + 2);
    if (tagged[done.at(-1)! + 1]?.tag !== "object") return;
    for (const at of done) {
      const word = tagged[at]!.word;
      if (!verbRecord(word)) add(ENTITY_ROLES[word] === "activity" ? word : gerund(presentOf(word)), at, phrases.length ? [phrases[0]!.name] : []);
    }
  });
  // "track my houseplants watering fertilizing and repotting": -ing words listed after what a log keeps are its events.
  tagged.forEach(({ word }, i) => {
    if (!pluralHead(word) || !tracks(i) || !entities.some((e) => e.name.endsWith(singular(word)))) return;
    const done: number[] = [];
    for (let at = i + 1; /ing$/.test(tagged[at]?.word ?? ""); at += ["and", ","].includes(tagged[at + 1]?.word ?? "") ? 2 : 1) done.push(at);
    if (done.length < 2 || !["punct", undefined].includes(tagged[done.at(-1)! + 1]?.tag)) return;
    for (const at of done) add(tagged[at]!.word, at, [singular(word)]);
  });
  entities.sort((a, b) => a.at - b.at);
  return { entities, verbs, nouns };
}
