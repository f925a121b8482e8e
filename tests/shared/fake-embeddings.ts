/**
 * @module A fake embedding model whose vectors cluster by topic, served in OpenAI's
 * documented `POST /v1/embeddings` format: a fixed vocabulary maps words to topics,
 * each topic is one axis, and every word adds a little deterministic noise. Texts
 * about the same thing land near each other even when they share no words, as with
 * a real model. Shared by tests/local/embeddings.test.ts and bench/embeddings.ts.
 */
import { words } from "../../shared/embeddings/feature-hashing.ts";
import { openAiEmbeddings, openAiStream, startFakeServer, type FakeServer } from "./fake-llm-server.ts";

/** Topic → words about it (singular forms; a trailing "s" is dropped when looking up). */
const TOPICS: Record<string, string[]> = {
  "service visits": ["walker", "dog", "pet", "sitter", "groomer", "cleaner", "visit", "recurring", "household", "house", "home"],
  sales: ["sales", "deal", "lead", "prospect", "pipeline", "company", "contact", "follow"],
  store: ["store", "shop", "sell", "merchandise", "basket", "cart", "checkout", "catalogue", "product", "candle", "order"],
  tasks: ["task", "todo", "kanban", "board", "deadline", "due", "assignee", "crew", "chore", "owner"],
  helpdesk: ["helpdesk", "complaint", "urgency", "priority", "sla", "canned", "macro", "escalation", "agent"],
  courses: ["course", "module", "lesson", "class", "chapter", "exam", "quiz", "certificate", "curriculum", "student"],
  recipes: ["recipe", "cookbook", "dish", "ingredient", "meal", "grocery", "cooking", "kitchen"],
  budget: ["budget", "spending", "expense", "money", "transaction", "account", "saving", "monthly"],
  fitness: ["fitness", "workout", "gym", "run", "exercise", "habit", "routine", "streak", "training"],
  restaurant: ["restaurant", "bistro", "table", "dinner", "diner", "reservation", "party", "waitlist", "guest", "shift"],
  events: ["event", "concert", "festival", "seat", "pass", "entrance", "door", "qr", "gig"],
  hiring: ["job", "employer", "candidate", "hiring", "opening", "applicant", "resume", "application", "apply", "recruit"],
  inventory: ["inventory", "stock", "warehouse", "shelf", "shelve", "reorder", "supplier", "purchase", "location", "movement"],
  charity: ["donation", "donor", "charity", "volunteer", "helper", "campaign", "fundraising", "impact", "gift"],
  chat: ["chat", "channel", "messaging", "instant", "room", "direct", "typing", "realtime", "live", "friend"],
  clinic: ["clinic", "patient", "doctor", "prescription", "medical", "sick", "record", "health"],
  blog: ["blog", "post", "article", "newsletter", "subscriber", "reader", "digest", "publishing", "draft", "writing"],
  flashcards: ["flashcard", "deck", "card", "memorize", "vocabulary", "repetition", "spaced", "interval", "review"],
};
const TOPIC_OF = new Map(Object.entries(TOPICS).flatMap(([topic, list], axis) => list.map((word) => [word, axis] as const)));
const TOPIC_COUNT = Object.keys(TOPICS).length;

/** FNV-1a seeded pseudo-random numbers, so the noise of a word is the same everywhere. */
function noiseOf(word: string, dimensions: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) seed = Math.imul(seed ^ word.charCodeAt(i), 0x01000193);
  const next = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32 - 0.5;
  return Array.from({ length: dimensions }, (_, i) => (i < TOPIC_COUNT ? 0 : next()));
}

/** The fake model's unit vector of `text` in `dimensions` dimensions. */
export function topicVector(text: string, dimensions = 1536): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) {
    const axis = TOPIC_OF.get(word) ?? TOPIC_OF.get(word.replace(/e?s$/, "")) ?? TOPIC_OF.get(word.replace(/s$/, ""));
    if (axis !== undefined) vector[axis]! += 1;
    const noise = noiseOf(word, dimensions);
    const norm = Math.hypot(...noise) || 1;
    for (let i = 0; i < dimensions; i++) vector[i]! += (0.35 * noise[i]!) / norm;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

export interface FakeEmbeddings extends FakeServer {
  /** The dimension the model answers with from now on (1536 by default). */
  setDimensions(dimensions: number): void;
  /** How many texts the model has embedded. */
  embeddedTexts(): number;
}

/**
 * Starts the fake on 127.0.0.1: `POST /v1/embeddings` answers `{object: "list", data: [{object: "embedding", index, embedding}], model, usage}`;
 * `POST /v1/chat/completions` streams a short answer, so chat replies work against it too.
 */
export async function startFakeEmbeddings(model = "text-embedding-3-small"): Promise<FakeEmbeddings> {
  let dimensions = 1536;
  let embedded = 0;
  const server = await startFakeServer((request) => {
    if (request.path.endsWith("/embeddings")) {
      embedded += typeof request.body.input === "string" ? 1 : request.body.input.length;
      return { json: openAiEmbeddings({ model, ...request.body }, (text) => topicVector(text, dimensions)) };
    }
    return { sse: openAiStream(["From your documents: ", "see the sources."]) };
  });
  return { ...server, setDimensions: (value) => void (dimensions = value), embeddedTexts: () => embedded };
}

/** Ideas phrased without the library's own words, each with the pattern that should come first. */
export const TOPIC_QUERIES: { query: string; pattern: string }[] = [
  { query: "software for pet sitters to keep their customers, home visits and bills", pattern: "Service business CRM with scheduling" },
  { query: "follow up leads and prospects through sales stages", pattern: "Sales CRM pipeline" },
  { query: "sell handmade candles on the web: merchandise, a basket and paying", pattern: "Online store" },
  { query: "to-do lists for a crew with boards, owners and deadlines", pattern: "Team task tracker" },
  { query: "a desk where agents handle complaints by urgency with escalation", pattern: "Helpdesk ticketing" },
  { query: "online classes with chapters, exams and a curriculum per student", pattern: "Course platform (LMS)" },
  { query: "a cookbook of dishes with a grocery list for the kitchen", pattern: "Recipe collection" },
  { query: "track household money, expenses and savings every month", pattern: "Personal budget tracker" },
  { query: "log my gym training, runs and daily routines", pattern: "Fitness and habit tracker" },
  { query: "book a table at a bistro for dinner with the number of guests", pattern: "Restaurant reservations" },
  { query: "sell seats for concerts and festivals with scannable passes at the entrance", pattern: "Event ticketing" },
  { query: "a hiring site where employers advertise openings and applicants send a resume", pattern: "Job board" },
  { query: "warehouse stock on shelves and reorders from suppliers", pattern: "Inventory management" },
  { query: "a charity collecting gifts from donors and organising helpers", pattern: "Donations and volunteers" },
  { query: "instant messaging rooms for friends with live delivery", pattern: "Group chat" },
  { query: "a doctor's office where sick people see prescriptions and medical records", pattern: "Clinic patient portal" },
  { query: "writing articles and emailing readers a weekly digest", pattern: "Blog and newsletter" },
  { query: "memorize vocabulary with cards reviewed at growing intervals", pattern: "Flashcards and spaced repetition" },
];
