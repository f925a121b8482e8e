/** @module Cuts a document's text into passages for retrieval: paragraphs kept whole where they fit. */

export interface ChunkOptions {
  /** Most characters per passage (default 800). */
  size?: number;
}

/** The sentences of a paragraph too long for one passage; a sentence longer than `size` is cut. */
function pieces(paragraph: string, size: number): string[] {
  const sentences = paragraph.match(/[^.!?]+(?:[.!?]+|$)\s*/g) ?? [paragraph];
  return sentences.flatMap((sentence) => {
    const out: string[] = [];
    for (let i = 0; i < sentence.length; i += size) out.push(sentence.slice(i, i + size));
    return out;
  });
}

/**
 * Passages of at most `size` characters: paragraphs (blank-line separated) are
 * packed together while they fit, and a long paragraph is split at sentence ends.
 * @example chunkText("Intro.\n\nPricing: …", { size: 800 }) // ["Intro.\n\nPricing: …"]
 */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const size = Math.max(100, options.size ?? 800);
  const paragraphs = text.replace(/\r\n?/g, "\n").split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const chunks: string[] = [];
  let current = "";
  const push = () => {
    if (current.trim()) chunks.push(current.trim());
    current = "";
  };
  for (const paragraph of paragraphs) {
    const parts = paragraph.length > size ? pieces(paragraph, size) : [paragraph];
    for (const part of parts) {
      const joined = current ? `${current}${parts.length > 1 ? "" : "\n\n"}${part}` : part;
      if (joined.length > size) {
        push();
        current = part;
      } else {
        current = joined;
      }
    }
    if (parts.length > 1) push();
  }
  push();
  return chunks;
}
