/**
 * @module The record types an idea names in prose ("customers drop off bikes and mechanics log repairs",
 * "patients are referred by doctors"): subjects, objects, passive agents and the nouns of "by/for/to" phrases
 * and relative clauses, read from the words `idea-tagger.ts` tagged, and the records verbs imply ("who borrowed
 * them": loans and borrowers).
 */
import { ENTITY_ROLES, roleOf } from "./domain.ts";
import { type Tagged, tagTokens } from "./idea-tagger.ts";
import { ACT_NOUN, ADJECTIVES, CALENDAR_UNITS, COUNTS, FIELDS, LIST_HEADS, ONE, ONLY_VERBS, PAST, PERSON_PLURAL, PHRASE_START, TIME_UNITS, WHEN_OR_COLOUR, isPerson, isPlural, isTimeUnit, listRecord, phrasalVerb, pluralHead, saysWhen, verbBases, verbRecord } from "./idea-words.ts";
import { singular, spellingKey, wordTable } from "./text.ts";

/** Nouns that are never records of their own in prose: time units, places in general, the app itself. */
const NOT_RECORDS = new Set(("thing stuff way time day week weekend month year hour minute second today tonight place kind sort type bit " +
  "first last next " +
  "people person everyone care chart graph dashboard overview insight statistic stat feature hand export import login search").split(" "));
/** What a determiner's singular noun may be besides a record: the app itself, a part of time or of a whole, a record's field. */
const NOT_ONE_RECORD = new Set(("track tracker planner organiser organizer log diary register registry catalog catalogue database spreadsheet portal hub board list " +
  "end rest whole same start beginning middle top bottom side front lot bit couple number " +
  "expiry expiration deadline cost quantity qty schedule").split(" ").concat([...FIELDS]));
/** Determiners of the user's own: "our marina", "my band" are who the app is for, not its records. */
const OWN = new Set(["my", "our", "your", "this", "that", "these", "those"]);
/** Words that, followed by "of", count or gather what comes after: "a couple of garden centres", "a registry of trees". */
const GATHERS = new Set("couple lot number bunch set range variety kind type sort rest end half pair total amount list registry register inventory log collection catalog catalogue database series".split(" "));
/** What "per" prices by rather than a record: "per word", "per mile" (but "paint colors per room"). */
const PER_UNITS = new Set("word page mile km kilometre kilometer unit head piece kg pound litre liter gallon".split(" "));
/** A preposition and a noun that say how or where things are, not which record: "kegs in order", "sent by post". */
const IDIOMS = new Set(["in order", "in stock", "on hold", "in use", "in progress", "on time", "in time", "in place", "on track", "in charge", "in touch", "on order", "in turn", "by post", "by mail", "by email", "by phone", "in person", "on site", "at home", "by hand"]);
/** What an idea calls the app itself ("a tool where…"); their plurals are records ("neighbours borrow tools"). */
const APP_WORDS = new Set("app tool system software platform website site idea business company".split(" "));
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
  const thing = (subject?.tag === "noun" && !isPerson(singular(subject.word)) && ONE.has(tagged[i - 2]?.word ?? "")) || ["something", "anything", "everything"].includes(subject?.word ?? "");
  const toSomeone = tagged[i + 1]?.word === "to" && !(subject?.tag === "subject" && tagged[i - 2]?.tag === "noun");
  // "what sold out" ran out of stock.
  return subject?.tag !== "be" && tagged[i + 1]?.word !== "out" && (what || thing || toSomeone);
};
/** Verbs whose record is about things only: hiring a room is a booking, hiring staff is not. */
const THING_VERBS = new Set(["hire"]);
/** Who does what a verb says, when the idea asks "who borrowed them" without naming them: the borrower is a record. */
const AGENTS: Record<string, string> = wordTable({ borrow: "borrower", rent: "renter", buy: "buyer", bought: "buyer", find: "finder", found: "finder", lend: "lender", lent: "lender" });
/** The person "track who borrowed them" asks about; none when "who" follows the noun it is about ("members who rent"). */
const askedAgent = (tagged: Tagged[], i: number) =>
  tagged[i - 1]?.tag === "who" && !["noun", "mod"].includes(tagged[i - 2]?.tag ?? "") ? verbBases(tagged[i]!.word).map((base) => AGENTS[base]).find(Boolean) : undefined;

const isWord = (w: string) => /^[a-z][a-z-]*$/.test(w);
/** Whether `w` qualifies the noun after it as part of its name ("fuel receipts"); "app clients" are clients. */
const isModifier = (w: string) => /^[a-z0-9][a-z0-9-]*$/.test(w) && !ADJECTIVES.has(w) && !/[^e]ed$/.test(w) && w.length > 1 && !["app", "software", "platform", "website", "system"].includes(w);

/** "equipment is checked out by students", "members check tools out": a checkout, like a loan. */
const checkedOut = (tagged: Tagged[], i: number) =>
  verbBases(tagged[i]!.word).includes("check") && tagged.slice(i + 1, i + 4).some((t) => t.word === "out") ? "checkout" : undefined;
/** Names of an app that is a log: its entries are its records. */
const JOURNALS = new Set(["log", "record", "diary", "journal", "logbook"]);
/** Verbs of making the app itself: "build a roster for a food bank". */
const MAKING = new Set(["build", "make", "create", "design", "develop", "need", "want"]);
/** The record a phrasal verb at `i` makes: "sign up", "check in", "checked out"; "who showed up" is attendance, "where it turned up" none. */
function phrasalRecord(tagged: Tagged[], i: number): string | undefined {
  const record = phrasalVerb(tagged[i]!.word, tagged[i + 1]?.word) ?? checkedOut(tagged, i);
  const before = tagged.slice(0, i).findLast((t) => t.tag !== "adv");
  return record !== "attendance" || before?.tag === "who" || (before?.tag === "noun" && isPerson(singular(before.word))) ? record : undefined;
}

/** Verbs of an app that keeps a log: what they track "when I do it" is an event record. */
const LOG_VERBS = new Set(["track", "log", "record", "remember", "keep"]);
/** `watered` → water, `repotted` → repot (a silent e lost here is lost again by `gerund`: `shaved` → shav → shaving). */
const presentOf = (w: string) => (/([b-df-hj-np-tv-z])\1ed$/.test(w) ? w.slice(0, -3) : /ied$/.test(w) ? `${w.slice(0, -3)}y` : /[^aeiou]ed$/.test(w) ? w.slice(0, -2) : w);
/** `water` → watering, `repot` → repotting, `prune` → pruning: doubling only after a short stressed vowel (not -er, -en, -on, -el). */
export const gerund = (w: string) =>
  w.endsWith("e") && !w.endsWith("ee") ? `${w.slice(0, -1)}ing` : /[^aeiou][aeiou][b-df-hj-np-tvz]$/.test(w) && !/(er|en|on|el|it|et)$/.test(w) ? `${w}${w.at(-1)}ing` : `${w}ing`;

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
  // "A spray record for our orchard", "an equipment calibration log": an app that is a log keeps its entries, unless
  // the idea goes on to list them ("a fleet maintenance log for a delivery company: vans, …", "a journal for hives, …").
  const listsThem = tagged.slice(end + 1).some((t) => t.word === ":") || (tagged[end + 1]?.word === "for" && pluralHead(tagged[end + 2]?.word ?? ""));
  const journal = JOURNALS.has(head) && end > start && isModifier(tagged[end - 1]!.word) && !listsThem;
  if (!afterRecords && !kept && !acting && !journal) return false;
  if ((NOT_ONE_RECORD.has(head) && !LIST_HEADS.has(head) && !journal) || APP_WORDS.has(head)) return false;
  if (GATHERS.has(head) && tagged[end + 1]?.word === "of") return false;
  if (lead.word === "the" && !kept && !oneOfMany(tagged, start, end, head)) return false;
  let before = start - 1;
  while (before >= 0 && ["det", "which", "noun", "mod"].includes(tagged[before]!.tag)) before--;
  return !(tagged[before]?.word === "for" && !sawVerb);
}

/**
 * Whether "the <head>" at `start..end` is one of many: a clause is about it ("the recipe I used"), a person does something
 * or has it done ("the customer signs", "bill the client", "follow up with the insurer", not "the band lends"), "the
 * foreman on each one", or it is a list's item. "By the captain." and "at the food bank this week" are one of a kind.
 */
function oneOfMany(tagged: Tagged[], start: number, end: number, head: string): boolean {
  const next = tagged[end + 1];
  if (isPerson(head) && (tagged[start - 2]?.tag === "verb" || ["to", "with", "from"].includes(tagged[start - 2]?.word ?? ""))) return true;
  // "we send the invoice.": a thing the app keeps, handled.
  if (tagged[start - 2]?.tag === "verb" && ["money", "item", "content"].includes(ENTITY_ROLES[head] ?? "")) return true;
  if (!next) return false;
  const then = tagged.slice(end + 2).find((t) => t.tag !== "mod");
  // "the family it belongs to": a clause about it.
  return ["subject", "who", "which", "conj"].includes(next.tag) || (next.word === "it" && tagged[end + 2]?.tag === "verb")
    || (isPerson(head) && ["verb", "be", "have", "aux"].includes(next.tag))
    || (next.tag === "punct" && next.word !== ".")
    || (next.tag === "det" && then !== undefined && !NOT_RECORDS.has(singular(then.word)))
    || (next.tag === "prep" && ["each", "every", "duty", "call", "site"].includes(tagged[end + 2]?.word ?? ""));
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
  const words = tagged.map((t) => t.word);
  const nouns = new Set(tagged.filter((t) => t.tag === "noun").map((t) => singular(t.word).replace(/-/g, " ").split(" ").at(-1)!));
  const entities: ProseEntity[] = [];
  const verbs = new Set<string>();
  const add = (name: string, at: number, refs: string[] = []) => {
    // "students enrol … the classes they are enrolled in": one record, however it is spelled.
    const found = entities.find((e) => e.name === name || spellingKey(e.name) === spellingKey(name));
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
      // "build a volunteer roster for a food bank": making the app says nothing of what "for" names.
      if (!MAKING.has(word) || phrases.length > 0) sawVerb = true;
      verbs.add(word);
    }
    if (tag !== "noun" && tag !== "mod") continue;
    let end = i;
    // "proofs customers approve": a plural ends its phrase, unless it qualifies the next word ("sports league", "farmers markets").
    const ends = (t: Tagged, next: Tagged) => t.tag === "noun" && singular(t.word) !== t.word && pluralHead(t.word) && !(isPerson(singular(t.word)) && !isPerson(singular(next.word)));
    // "each week produce boxes are packed": "each week" says when, and ends there.
    const when = (at: number) => saysWhen(words, at - 1);
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
    const nearVerb = lead?.tag === "verb" || lead?.tag === "have" || tagged[end + 1]?.tag === "verb";
    const one = singular(head);
    const modifier = last > 0 ? run[last - 1]!.word : undefined;
    const keep = modifier !== undefined && isModifier(modifier);
    const counted = CALENDAR_UNITS.has(one) && last === 0 && COUNTS.test(lead?.word ?? "");
    if (!isWord(head) || head.length < 3 || ((NOT_RECORDS.has(one) || WHEN_OR_COLOUR.has(one)) && !keep) || (APP_WORDS.has(head) && !keep) || audience || counted) continue;
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
    const logged = keep && listRecord(modifier!, head) !== undefined && [undefined, ".", ",", "and", "with", "of", "for"].includes(tagged[end + 1]?.word);
    const joined = bare && ["and", "or"].includes(lead?.word ?? "") && phrases.at(-1)?.end === start - 2 && !isPlural(tagged[start - 2]!.word);
    const single = [
      onDuty, relative, handled, joined, logged, described,
      determinedRecord(tagged, start, end, sawVerb, phrases.length > 0),
      ["each", "every"].includes(lead?.word ?? ""),
      lead?.word === "per" && !PER_UNITS.has(one),
      // "teachers take attendance at every lesson": a noun made from a verb, right after one, is its record.
      bare && nearVerb && (ENTITY_ROLES[one] !== undefined || (lead?.tag === "verb" && last === 0 && ACT_NOUN.test(one))),
      bare && lead?.tag === "verb" && keep && run[last - 1]!.tag === "noun",
      // "30 hive in 4 apiary": a count before a singular says it is many (English written by those who learned it later).
      !bare && COUNTS.test(lead?.word ?? "") && lead?.word !== "1" && !isTimeUnit(one) && !PER_UNITS.has(one),
      // "logged by food category", "damage reports on the equipment": a known record noun after a determiner, a preposition
      // or a verb, once the idea has named a record (but "kegs in order" are tidy).
      ENTITY_ROLES[one] !== undefined && ["det", "prep", "verb"].includes(lead?.tag ?? "") && !OWN.has(lead?.word ?? "") && !IDIOMS.has(`${lead?.word} ${one}`) && phrases.length > 0,
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
    const record = tag === "verb" || participle ? phrasalRecord(tagged, i) ?? verbRecord(word) : undefined;
    if (!record) return;
    const subject = phrases.findLast((p) => p.end < i && i - p.end <= 3);
    const object = phrases.find((p) => p.at > i && p.at - i <= 3);
    // "owners book appointments": the appointment is the booking; "clients pay invoices": the invoice is the payment.
    const objectRole = object ? roleOf(object.name) : undefined;
    if (SCHEDULED.has(record) && objectRole === "activity") return;
    // "tenants pay rent": the object names the money even when it is not a record of its own.
    const paid = tagged.slice(i + 1, i + 4).find((t) => t.tag !== "det" && t.tag !== "mod");
    // "pay the freelancers" makes a payment; "pay rent" names it. Invoicing anyone ("invoice each agency") makes invoices.
    if (record === "payment" && paid?.tag === "noun" && ENTITY_ROLES[singular(paid.word)] !== "person" && !PERSON_PLURAL.test(paid.word)) return;
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
      // "when they bring them back" is no event of its own.
      if (!verbRecord(word) && !PAST.has(word) && !verbBases(word).some((base) => ONLY_VERBS.has(base))) add(ENTITY_ROLES[word] === "activity" ? word : gerund(presentOf(word)), at, phrases.length ? [phrases[0]!.name] : []);
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
