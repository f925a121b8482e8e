/** @module How the offline engine reads component names and routes: what kind of UI a name means and which record it shows. */
import type { EntityRole } from "./domain.ts";
import { singular, wordTable } from "./text.ts";

/** The UI a component renders. */
export type ComponentKind = "table" | "card" | "form" | "calendar" | "badge" | "stat" | "panel";

const KIND_RULES: [RegExp, ComponentKind][] = [
  [/(Calendar|Week|Schedule|Agenda|Timeline|TimeSlot|Slot|DateRange|Availability)/, "calendar"],
  [/(Badge|Status|Pill|Dot|Tag|Indicator|Label)$/, "badge"],
  [/(Stat(?!us)|Kpi|Metric|Chart|Ring|Progress|Pie|Counter|Tile)/, "stat"],
  [/(Form|Editor|Composer|Picker|Quiz|Input|Signup|Button|Dialog|Builder|Pad|Scanner|Settings|Selector)$/, "form"],
  [/(Table|List|Queue|Grid|Board|Feed|Thread|Gallery|Tree|Inbox)$/, "table"],
  [/(Card|Profile|Summary|Sidebar|Sheet|Viewer|Detail|Player|Hero|Banner)$/, "card"],
];

/** The kind of UI a component name means: `ClientCard` → card, `CalendarWeek` → calendar, `Hero` → card. */
export function componentKind(name: string): ComponentKind {
  return KIND_RULES.find(([pattern]) => pattern.test(name))?.[1] ?? "panel";
}

/** The lowercase words of a PascalCase name: `InvoiceTable` → ["invoice", "table"]. */
export const nameWords = (name: string) => (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? []).map((w) => singular(w.toLowerCase()));

/** Route words that mean a record role rather than naming the record. */
const ROLE_WORDS: Record<string, EntityRole> = wordTable({
  schedule: "activity", calendar: "activity", agenda: "activity", planner: "activity", dispatch: "activity", today: "activity", review: "activity",
  billing: "money", payment: "money", payout: "money", checkout: "money", cart: "money", donate: "money", tax: "money",
  inbox: "content", feed: "content", notification: "content", search: "item", catalogue: "item", catalog: "item", library: "item",
});

/**
 * Which of `entities` a route or component name is about: its words name one
 * (`/clients/:id` → client, `DogCard` → dog) or its role (`/schedule` → the
 * activity record, `/billing` → the money record). Undefined when neither.
 */
export function entityOf(words: string[], entities: { name: string; role: EntityRole }[]): { name: string; role: EntityRole } | undefined {
  // Two-word records first: `/fuel-receipts` is about the fuel receipt, not about fuel.
  for (let i = 0; i < words.length - 1; i++) {
    const hit = entities.find((e) => e.name === `${words[i]} ${words[i + 1]}`);
    if (hit) return hit;
  }
  for (const word of words) {
    const hit = entities.find((e) => e.name === word);
    if (hit) return hit;
  }
  for (const word of words) {
    const role = ROLE_WORDS[word];
    const hit = role && entities.find((e) => e.role === role);
    if (hit) return hit;
  }
  for (const word of words) {
    const hit = entities.find((e) => word.length > 3 && (e.name.startsWith(word) || word.startsWith(e.name)));
    if (hit) return hit;
  }
  return undefined;
}

/** The static words of a route: `/clients/:id` → ["client"], `/admin/products` → ["admin", "product"]. */
export const routeWords = (path: string) =>
  path.split("/").filter((segment) => segment && !segment.startsWith(":") && segment !== "*").flatMap((segment) => (segment.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(singular));
