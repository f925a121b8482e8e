/** @module The offline embedder: feature hashing of words and word pairs into 1536 dimensions, L2-normalised. */

export const EMBEDDING_DIMENSIONS = 1536;

/** FNV-1a, 32 bit, over the UTF-16 code units: tiny, fast, identical in every runtime. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const STOP_WORDS = new Set(
  "a an and app application are as at be by for from in into is it of on or that the this to with".split(" "),
);

/** Lowercase words of two or more letters or digits, without stop words. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []).filter((word) => !STOP_WORDS.has(word));
}

/**
 * Embeds `text` deterministically: each word and each pair of neighbouring words
 * adds ±1 (the sign from another bit of its hash) at index hash mod 1536, and the
 * result is scaled to unit length, so cosine similarity grows with shared words.
 * Returns all zeros for text without words.
 *
 * @example embedText("a CRM for dog walkers") // number[1536], |v| = 1
 */
export function embedText(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  const tokens = words(text);
  const features = [...tokens, ...tokens.slice(1).map((word, i) => `${tokens[i]} ${word}`)];
  for (const feature of features) {
    const hash = fnv1a(feature);
    vector[hash % EMBEDDING_DIMENSIONS]! += (hash & 0x80000000) === 0 ? 1 : -1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

/** Cosine similarity of two vectors of equal length. */
export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** pgvector's sparse literal of a vector (`{i:v,…}/1536`, 1-based), compact for seed files. */
export function toSparseLiteral(vector: number[]): string {
  const entries = vector.flatMap((value, i) => (value === 0 ? [] : [`${i + 1}:${Number(value.toFixed(6))}`]));
  return `{${entries.join(",")}}/${vector.length}`;
}
