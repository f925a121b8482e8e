/** @module Typing slips in an idea's record names ("cusotmers", "custmers", "suplies"), mended against the record nouns the engine knows. */
import { ENTITY_ROLES } from "./domain.ts";
import { plural, singular } from "./text.ts";

const known = (word: string) => Object.hasOwn(ENTITY_ROLES, word);
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

/** `text` with each unknown word of six letters or more that is one slip from a known record noun mended: "wholesale cusotmers" → "wholesale customers". */
export function mendSpelling(text: string): string {
  return text.replace(/[A-Za-z]+/g, (token) => {
    const word = token.toLowerCase();
    if (word.length < MIN_LENGTH || known(word) || known(singular(word))) return token;
    return mended(word) ?? token;
  });
}
