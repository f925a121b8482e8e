/** @module Which kind of app an idea or a requirements document describes: the `project_type` patterns are filtered by. */
import { words } from "../embeddings/feature-hashing.ts";

/** The project types of the pattern library (`shared/patterns/library.ts`). */
export const PROJECT_TYPES = [
  "saas", "crm", "ecommerce", "marketplace", "social", "education", "booking",
  "fintech", "health", "content", "operations", "nonprofit", "productivity",
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/** Word stems that vote for a type; a stem matches a word that starts with it. */
const SIGNALS: Record<ProjectType, string[]> = {
  crm: ["crm", "client", "customer", "contact", "lead", "deal", "pipeline", "walker", "groomer", "cleaner", "plumber", "salon", "freelanc", "sitter", "agency", "kunden", "cliente"],
  booking: ["book", "appointment", "reservation", "reserve", "schedul", "calendar", "slot", "ticket", "event", "restaurant", "table", "termin", "cita", "réserv"],
  ecommerce: ["shop", "store", "ecommerce", "cart", "checkout", "product", "sell", "merch", "boutique", "inventory", "tienda", "laden", "boutique"],
  marketplace: ["marketplace", "market", "rental", "rent", "listing", "gig", "hire", "job", "freelancers", "providers", "buyers", "sellers"],
  social: ["social", "community", "friend", "follow", "feed", "post", "chat", "forum", "network", "share", "club", "dating", "group"],
  education: ["learn", "course", "lesson", "teach", "student", "school", "tutor", "quiz", "flashcard", "class", "study", "exam", "language", "curso", "kurs"],
  fintech: ["budget", "expense", "money", "finance", "invoice", "payment", "bank", "invest", "tax", "accounting", "saving", "crypto", "wallet", "dinero"],
  health: ["health", "fitness", "workout", "gym", "habit", "diet", "meal", "nutrition", "sleep", "clinic", "patient", "doctor", "therapy", "medic", "yoga", "run", "mood", "salud"],
  content: ["blog", "newsletter", "recipe", "portfolio", "magazine", "podcast", "video", "photo", "gallery", "article", "writing", "cms", "cook"],
  operations: ["inventory", "warehouse", "stock", "fleet", "dispatch", "logistic", "field", "maintenance", "asset", "supply", "shift", "staff", "roster"],
  nonprofit: ["donation", "donor", "volunteer", "charity", "nonprofit", "fundrais", "campaign", "cause", "ngo"],
  productivity: ["todo", "task", "note", "notes", "wiki", "knowledge", "form", "survey", "checklist", "reminder", "planner", "organize", "kanban", "tarea"],
  saas: ["saas", "dashboard", "analytics", "team", "workspace", "subscription", "tenant", "helpdesk", "ticketing", "report", "metric", "b2b", "platform"],
};

/** Words that settle the type on their own (weight 3). */
const STRONG: Partial<Record<string, ProjectType>> = {
  crm: "crm", marketplace: "marketplace", ecommerce: "ecommerce", shop: "ecommerce", store: "ecommerce", lms: "education",
  course: "education", booking: "booking", appointment: "booking", donation: "nonprofit", budget: "fintech", forum: "social",
  blog: "content", recipe: "content", inventory: "operations", todo: "productivity", saas: "saas", habit: "health", workout: "health",
};

/**
 * Scores every project type for `text` and returns the best, `saas` when no word says otherwise.
 * Deterministic; ties go to the type listed first.
 * @example classifyProjectType("A CRM for dog walkers") // "crm"
 */
export function classifyProjectType(text: string): ProjectType {
  const scores = projectTypeScores(text);
  let best: ProjectType = "saas";
  let bestScore = 0;
  for (const type of PROJECT_TYPES) {
    if (scores[type] > bestScore) {
      best = type;
      bestScore = scores[type];
    }
  }
  return best;
}

/** The score of every type for `text` (0 when no word votes for it). */
export function projectTypeScores(text: string): Record<ProjectType, number> {
  const scores = Object.fromEntries(PROJECT_TYPES.map((type) => [type, 0])) as Record<ProjectType, number>;
  for (const word of words(text)) {
    const strong = Object.hasOwn(STRONG, word) ? STRONG[word] : undefined;
    if (strong) scores[strong] += 3;
    for (const type of PROJECT_TYPES) {
      if (SIGNALS[type].some((stem) => word.startsWith(stem))) scores[type] += 1;
    }
  }
  return scores;
}
