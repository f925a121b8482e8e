/** @module What the offline reader knows of English words without a dictionary: plurals, verb forms, people, and the
 * record a verb ("borrow" → loan) or a list's name ("guest list" → guest) implies. */
import { roleOf } from "./domain.ts";
import { plural, singular, wordTable } from "./text.ts";

/** Verbs ideas are made of ("Track film shoots", "an app that logs runs"); elsewhere these words are often nouns. */
export const APP_VERBS = new Set("track log manage keep record organise organize plan schedule help build make create run monitor store list share find let handle".split(" "));
/** Words ending in -ly that are not adverbs. */
export const NOT_ADVERBS = new Set(["family", "supply", "reply", "assembly", "ally", "rally", "apply", "rely", "comply", "multiply"]);
/** Adverbs of time that qualify a noun after them: "their monthly invoice", but "we invoice clients monthly". */
export const TIME_ADJECTIVES = new Set("daily weekly monthly quarterly yearly nightly hourly fortnightly".split(" "));
/** Verbs that are not record names in ideas: after "and" ("…and send offers") they start a clause, not a two-word name. */
export const ONLY_VERBS = new Set("send give take make let see receive assign approve choose keep help find buy sell teach bring calculate enroll enrol capture eat ate apply collect deliver notify remind submit upload move decide ask".split(" "));
/** Verbs followed by an infinitive ("need to track"); after any other verb, "to" is a preposition ("apply to job openings"). */
export const CATENATIVE = new Set("need want plan try like love hope help learn decide remember forget able going have has".split(" "));
/** Plurals that qualify the noun after them ("sports league", "kids football"), so the word after them is no verb. */
const PLURAL_MODIFIERS = new Set(["sports", "arts", "sales", "savings", "goods", "kids", "children", "mens", "womens", "dues", "accounts"]);
/** Nouns that are plural without an -s ("staff swap shifts"). */
export const COLLECTIVE = new Set(["staff", "personnel", "crew"]);
/**
 * What the app keeps of a group or a list named in the singular, or of money owed in a plural-only noun: "our crew" →
 * crew members, "the waitlist" → waitlist entries, "collect dues" → dues payments.
 */
const MEMBERS: Record<string, string> = wordTable({
  crew: "crew member", staff: "staff member", waitlist: "waitlist entry", wishlist: "wishlist item", wantlist: "wantlist entry", checklist: "checklist item",
  agenda: "agenda item", timeline: "timeline item", menu: "menu item", setlist: "setlist entry", playlist: "playlist entry", roster: "roster entry",
});
const OWED: Record<string, string> = wordTable({ due: "dues payment" });
/**
 * The name of the record a name read from the idea stands for: `landscaping crew` → "landscaping crew member",
 * `quarterly due` → "quarterly dues payment"; a group or list keeps its name when the idea has several (`said("menus")`).
 */
export function keptRecord(name: string, said: (word: string) => boolean): string {
  const words = name.split(" ");
  const head = words.at(-1)!;
  // "meds due" are no dues.
  const kept = said(plural(head)) ? OWED[head] : MEMBERS[head];
  return kept ? [...words.slice(0, -1), kept].join(" ") : name;
}
/** Nouns whose plural is the word itself: bare, they are many ("sheep (ewes and rams), lambing"). */
const INVARIANT = new Set(["sheep", "fish", "deer", "species", "series", "moose", "aircraft", "cattle", "livestock", "poultry", "goods", "clothes", "premises"]);
/** Fields of a record, not records: "- Members: name, email, belt level". */
export const FIELDS = new Set("name email phone address date status price amount description title age birthday size colour color height length width quantity qty".split(" "));
/**
 * Names of lists whose records are the word before: "the guest list" keeps guests, "their inspection history" inspections,
 * "insurance info" insurance, "membership management" memberships.
 */
export const LIST_HEADS = new Set(["list", "history", "roster", "inventory", "info", "information", "details", "management"]);
/** What "contact info" or "phone details" hold is a record's field, not records. */
const FIELD_HEADS = new Set(["info", "information", "details"]);
/** Names of apps and collections whose records are the known record noun before: "recipe app", "booking thing" (not "gym app", "ward app"). */
const APP_HEADS = new Set(["app", "tracker", "catalog", "catalogue", "collection", "planner", "organiser", "organizer", "database", "thing"]);
/** Names of logs whose records are what the word before does: "a watering log" keeps waterings. */
const LOG_HEADS = new Set(["log"]);
/**
 * The record one list's, log's or app's name keeps (`guest`, `list` → "guest"; `watering`, `log` → "watering";
 * `recipe`, `app` → "recipe"); "pick lists" are records themselves.
 */
export function listRecord(modifier: string, head: string): string | undefined {
  if (APP_HEADS.has(head)) return APP_HEADS.has(modifier) || ["generic", "person", "group"].includes(roleOf(singular(modifier))) ? undefined : singular(modifier);
  if (FIELD_HEADS.has(head) && (FIELDS.has(modifier) || modifier === "contact")) return undefined;
  if (LIST_HEADS.has(head) && !/ing$/.test(modifier)) return singular(modifier);
  return LOG_HEADS.has(head) && /ing$/.test(modifier) ? `${modifier} log` : undefined;
}
/** Units of the calendar, never records on their own ("each week"). */
export const CALENDAR_UNITS = new Set("day week weekend month year hour".split(" "));
/** Times that, after "each", "every" or "per", say when: "each term", "every season". */
export const TIME_UNITS = new Set("term semester season night morning evening".split(" "));
/** Whether `w` is a unit of time: "hour", "week", "term" (in the plural it may be a record: "shifts, hours and pay"). */
export const isTimeUnit = (w: string) => CALENDAR_UNITS.has(w) || TIME_UNITS.has(w);
/** Nouns made from verbs: "inspection", "payment", "attendance", "maintenance". */
export const ACT_NOUN = /(tion|sion|ment|ance|ence)s?$/;
/**
 * Days, months, seasons, parts of a day and colours: when something happens or what it looks like, never a record on
 * their own ("in June", "every afternoon", "doses (blue and brown)"); "game nights" are records.
 */
export const WHEN_OR_COLOUR = new Set(("monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september " +
  "october november december spring summer autumn winter morning afternoon evening night red blue green yellow brown black white orange purple pink grey gray").split(" "));
/** Words that count what follows: "every few weeks", "two hours" are a time, not records. */
export const COUNTS = /^(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|few|several|many)$/;
/** Whether the words at `i` say when: "each week", "every morning", "four shows a year". */
export const saysWhen = (tokens: string[], i: number) =>
  (["each", "every", "per"].includes(tokens[i] ?? "") && isTimeUnit(tokens[i + 1] ?? "")) || (["a", "an"].includes(tokens[i] ?? "") && CALENDAR_UNITS.has(tokens[i + 1] ?? ""));
/** Adjectives that qualify a record without naming it ("local shops", "new routes"). */
export const ADJECTIVES = new Set("double specific particular individual new old small big large local weekly daily monthly yearly favourite favorite own different next last first current upcoming past regular main whole free open elderly young little good best same certain special private public various".split(" "));

/**
 * Verbs that name a record of their own: "friends borrow games" keeps loans, "members vote" keeps votes, "we screen
 * volunteers" keeps screenings. Only arrangements between two of the idea's parties and events an app logs, each
 * kept on the measured sets only where it found more records than it added pages nobody named; "clients pay invoices"
 * and "teams submit projects" already name their record, and "assign" mostly sets a field (an assignment page was
 * wanted in 22 of 88 ideas that assign).
 */
const VERB_RECORDS: Record<string, string> = wordTable({
  borrow: "loan", lend: "loan", lent: "loan", loan: "loan", vote: "vote", swap: "swap", trade: "trade", refer: "referral", book: "booking", reserve: "reservation",
  rent: "rental", lease: "lease", rate: "rating", review: "review", donate: "donation", apply: "application", enrol: "enrolment", enroll: "enrollment", register: "registration",
  bid: "bid", subscribe: "subscription", score: "score", interview: "interview", hire: "booking", invoice: "invoice", pay: "payment", paid: "payment",
  inspect: "inspection", triage: "triage", visit: "visit", pitch: "pitch", match: "match",
  sell: "sale", sold: "sale", buy: "purchase", bought: "purchase", bill: "invoice", certify: "certification", certified: "certification", diagnose: "diagnosis",
  yield: "yield", spot: "sighting", observe: "observation", measure: "measurement", attend: "attendance", rsvp: "rsvp", test: "test", harvest: "harvest",
  screen: "screening", vaccinate: "vaccination", pair: "pairing", sponsor: "sponsorship", train: "training", quote: "quote",
});
export const isAppVerb = (w: string) => verbBases(w).some((base) => APP_VERBS.has(base));
export const isPlural = (w: string) => COLLECTIVE.has(w) || INVARIANT.has(w) || singular(w) !== w;
/** A plural that heads its own phrase (so a word after it starts another): "tenants pay rent", not "sports league". */
export const pluralHead = (w: string) => isPlural(w) && !PLURAL_MODIFIERS.has(w);
/** The base forms a verb form may come from: `borrowed` → borrow, `referred` → refer, `applies` → apply. */
export function verbBases(w: string): string[] {
  // "seed", "feed", "need": one syllable in -eed is no past of a verb in -ee.
  const out = [w, w.replace(/s$/, ""), w.replace(/es$/, ""), w.replace(/ies$/, "y"), /^[^aeiou]*eed$/.test(w) ? w : w.replace(/d$/, ""), w.replace(/ed$/, ""), w.replace(/ied$/, "y"), w.replace(/([b-df-hj-np-tv-z])\1ed$/, "$1"), w.replace(/ing$/, ""), w.replace(/ing$/, "e")];
  return [...new Set(out)];
}
export const verbRecord = (w: string) => verbBases(w).map((base) => VERB_RECORDS[base]).find(Boolean);
/** Phrasal verbs whose doing is a record: "climbers sign up for sessions", "guests check in", "caregivers clock in". */
const PHRASAL_RECORDS: Record<string, string> = wordTable({ "sign up": "sign up", "sign in": "sign in", "check in": "check in", "clock in": "clock in", "show up": "attendance", "turn up": "attendance" });
/** The record `word` and the `particle` after it make, as a phrasal verb: `signs`, `up` → "sign up". */
export const phrasalVerb = (word: string, particle: string | undefined) => verbBases(word).map((base) => PHRASAL_RECORDS[`${base} ${particle}`]).find(Boolean);
/** Plurals of people ("the dog groomers leave notes"), never taken for a verb before a two-word name. */
export const PERSON_PLURAL = /(er|or|ist|ian)s$/;
/** Determiners of one thing: "each volunteer signs up" cannot be a phrase "volunteer signs". */
export const ONE = new Set(["a", "an", "each", "every", "this", "another"]);
/** Past participles without -ed, read after "are scheduled and …". */
export const PARTICIPLES = new Set("paid sold sent made given taken lent bought built held kept done seen told brought shown written broken stolen chosen frozen forgotten hidden eaten driven spoken".split(" "));
/** Verbs in the past without -ed ("which donor gave them"). */
export const PAST = new Set([...PARTICIPLES, ..."gave took came went ran wrote drove rode ate got had did broke fell met won spent flew grew knew threw drew chose wore tore sang swam began sat stood caught taught fought".split(" ")]);
/** Determiners that start a noun phrase right after another one: "the sheet music our orchestra owns". */
export const PHRASE_START = new Set("the a an my our their your his her its this these those".split(" "));
/** Whether a (singular) noun names people: a person's role ("walker", "dentist"), or a group of them. */
export const isPerson = (noun: string) => roleOf(noun) === "person" || ["people", "person", "kid", "team", "crew"].includes(noun);
