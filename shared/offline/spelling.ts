/**
 * @module Typing slips in an idea's record names ("cusotmers", "custmers", "suplies"), mended against the record nouns
 * the engine knows, and the shorthand people type ("appts", "ppl", "n").
 */
import { ENTITY_ROLES } from "./domain.ts";
import { emojiToWords, plural, singular, wordTable } from "./text.ts";

/** Whether the engine knows `word` as a record noun, in British or American spelling ("neighbors" is no slip). */
const known = (word: string) => Object.hasOwn(ENTITY_ROLES, word) || Object.hasOwn(ENTITY_ROLES, word.replace(/or$/, "our"));
/** Shorter words are too often other real words one slip away ("hotel", "diner"). */
const MIN_LENGTH = 6;
/** From this length a word one vowel short of a known noun is that noun mistyped. */
const LONG = 7;

/**
 * The known noun `word` is one slip from, in `word`'s number: two letters swapped ("reciepts"), a double letter typed
 * once ("suplies") or thrice ("suppplies"), or, in a long word, a vowel left out ("custmers", "invoces"). Only these
 * slips: other letters missing, extra or wrong turn real words into others ("drives" → "drivers", "stores" →
 * "stories", "hostel" → "hotel").
 */
function mended(word: string): string | undefined {
  const candidates = new Set<string>();
  for (let i = 0; i < word.length - 1; i++) candidates.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 0; i < word.length; i++) candidates.add(word.slice(0, i + 1) + word.slice(i));
  if (word.length >= LONG) for (let i = 1; i < word.length; i++) for (const vowel of "aeiou") candidates.add(word.slice(0, i) + vowel + word.slice(i));
  for (let i = 1; i < word.length; i++) if (word[i] === word[i - 1]) candidates.add(word.slice(0, i) + word.slice(i + 1));
  for (const candidate of candidates) {
    const one = singular(candidate);
    if (known(one)) return one === candidate ? one : plural(one);
  }
  return undefined;
}

/** Shorthand people type for words, spelled out: "pls", "ppl", "appts", "n" (and), "shes" (she's). */
const SHORTHAND: Record<string, string> = wordTable({
  pls: "please", plz: "please", ppl: "people", tix: "tickets", vid: "video", vids: "videos", appt: "appointment", appts: "appointments",
  n: "and", r: "are", ur: "your", bc: "because", rn: "right now", em: "them", smth: "something", lil: "little", hrs: "hours", mins: "minutes",
  qty: "quantity", inv: "inventory", mgmt: "management", cust: "customer", custs: "customers", svc: "service", svcs: "services",
  maint: "maintenance", equip: "equipment", biz: "business", poss: "possible", tech: "technician", techs: "technicians",
  diff: "different", frm: "from", b4: "before", pkg: "package", pkgs: "packages",
  shes: "she is", hes: "he is", whos: "who is", whats: "what is", im: "I am", ive: "I have", dont: "do not", thats: "that is", theres: "there is", theyre: "they are",
});
/** Words that only say how the idea is said ("lol", "tbh", "hi"): never records. */
const FILLERS = new Set(["lol", "lmao", "haha", "tbh", "imo", "btw", "yo", "hi", "hello", "hey", "hola", "bonjour", "hallo", "ciao", "thanks", "thx", "cheers"]);

/** `text` with shorthand spelled out and filler words dropped: "tattoo appts n deposits lol" → "tattoo appointments and deposits". */
export function spellOut(text: string): string {
  return text.replace(/[A-Za-z]+/g, (token) => {
    const word = token.toLowerCase();
    if (FILLERS.has(word)) return "";
    return SHORTHAND[word] ?? token;
  });
}

/** `text` with each unknown word of six letters or more that is one slip from a known record noun mended: "wholesale cusotmers" → "wholesale customers". */
export function mendSpelling(text: string): string {
  return text.replace(/[A-Za-z]+/g, (token) => {
    const word = token.toLowerCase();
    if (word.length < MIN_LENGTH || known(word) || known(singular(word))) return token;
    return mended(word) ?? token;
  });
}

/** An idea as the offline readers read it: emoji as words, shorthand spelled out, slips in known nouns mended. */
export const readerText = (idea: string) => mendSpelling(spellOut(emojiToWords(idea)));
