/** @module Realistic, deterministic sample records for the generated app, by field. */
import type { EntityRole, FieldDef } from "../domain.ts";
import { pick, seeded, titleCase } from "../text.ts";

/** One sample record: `id` plus a value per field. */
export type SampleRow = Record<string, string | number>;

/** What the samples read of an entity (app-model.ts's EntityModel has it). */
export interface SampledEntity {
  name: string;
  role: EntityRole;
  type: string;
  collection: string;
  fields: FieldDef[];
}

const PEOPLE = ["Maya Chen", "Liam Walsh", "Sofia Rossi", "Noah Patel", "Ava Johnson", "Lucas Martin", "Zoe Kim", "Omar Haddad"];
const PETS = ["Biscuit", "Luna", "Max", "Pepper", "Nala", "Otis", "Juniper", "Rocky"];
const BREEDS: Record<string, string[]> = {
  dog: ["Beagle", "Labrador", "Border Collie", "Dachshund", "Poodle", "Greyhound", "Corgi", "Mixed breed"],
  cat: ["Maine Coon", "Siamese", "British Shorthair", "Ragdoll", "Bengal", "Domestic shorthair"],
  horse: ["Arabian", "Quarter Horse", "Thoroughbred", "Connemara", "Haflinger", "Appaloosa"],
};
const SPECIES = ["Dog", "Cat", "Rabbit", "Parrot", "Guinea pig", "Tortoise"];
const ANIMAL_NOTES = ["Pulls on the leash near the park", "Allergic to chicken treats", "Spare key under the blue pot", "Shy with bigger dogs", "Needs water halfway", "Loves fetch, tires quickly"];
const TASKS = ["Call the supplier back", "Send the weekly update", "Plan next month", "Review open invoices", "Update the website copy", "Book the venue", "Clean up old records", "Prepare the quarterly report"];
const TITLES = ["Getting started", "What we learned this month", "Five tips for beginners", "Behind the scenes", "Frequently asked questions", "Our plans for the season", "A week in numbers", "Meet the team"];
const TEXTS = ["A short summary to read first.", "Notes from the last meeting, with next steps.", "Ideas collected from customer feedback.", "Checklist for the first week.", "Draft for review before publishing.", "Numbers and highlights of the month."];
const ADJECTIVES = ["Classic", "Compact", "Deluxe", "Everyday", "Premium", "Starter", "Family", "Travel"];
const CATEGORIES = ["Standard", "Premium", "Seasonal", "Essentials"];
const NOTES = ["Prefers email", "Follow up next week", "Long-time customer", "Asked about prices", "Referred by a friend", "Pays by card"];
const TIMES = ["08:00", "09:30", "11:00", "12:30", "14:00", "15:30", "17:00", "18:30"];
/** Dates are fixed (a Monday) so the app and the engine stay deterministic. */
const BASE_DAY = Date.UTC(2025, 5, 2);

const day = (offset: number) => new Date(BASE_DAY + offset * 86_400_000).toISOString().slice(0, 10);
const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, ".").replace(/^\.|\.$/g, "");

/** Sample records of `entity` (6, or 8 for schedules), consistent with the other entities' samples they name. */
export function samplesFor(entity: SampledEntity, all: SampledEntity[], seed: number): SampleRow[] {
  const random = seeded(seed ^ entity.name.length ^ entity.name.charCodeAt(0));
  const count = entity.role === "activity" ? 8 : 6;
  const rows: SampleRow[] = [];
  for (let i = 0; i < count; i++) {
    const row: SampleRow = { id: `${entity.collection}-${i + 1}` };
    for (const field of entity.fields) row[field.key] = value(field, entity, all, i, random);
    rows.push(row);
  }
  return rows;
}

/** Sample values naming records of `ref`: the same names its own samples carry. */
function refNames(ref: string | undefined, all: SampledEntity[]): string[] {
  const target = all.find((e) => e.name === ref);
  if (!target || target.role === "person") return PEOPLE;
  return target.role === "animal" ? PETS : ADJECTIVES.map((adjective) => `${adjective} ${target.name}`);
}

function value(field: FieldDef, entity: SampledEntity, all: SampledEntity[], i: number, random: () => number): string | number {
  const animal = all.find((e) => e.role === "animal");
  switch (field.kind) {
    case "email":
      return `${slug(PEOPLE[i % PEOPLE.length]!)}@example.com`;
    case "phone":
      return `+1 555 01${String(10 + ((i * 7) % 90)).padStart(2, "0")}`;
    case "date":
      return entity.role === "activity" ? day(i % 5 + Math.floor(i / 5) * 7) : entity.role === "money" ? day(-7 * i) : day(-3 * i + (entity.role === "work" ? 10 : 0));
    case "time":
      return TIMES[i % TIMES.length]!;
    case "money":
      return 15 + 5 * Math.floor(random() * 38);
    case "number":
      return field.key === "duration" ? [30, 45, 60][i % 3]! : 1 + Math.floor(random() * 40);
    case "status":
      return field.options?.[[0, 0, 1, 0, 2, 1, 0, 1][i % 8]! % field.options.length] ?? "Active";
    case "longtext":
      return entity.role === "animal" ? ANIMAL_NOTES[i % ANIMAL_NOTES.length]! : TEXTS[i % TEXTS.length]!;
    default:
      break;
  }
  if (field.ref) return refNames(field.ref, all)[i % 6]!;
  switch (field.key) {
    case "name":
      if (entity.role === "person") return PEOPLE[i % PEOPLE.length]!;
      if (entity.role === "animal") return PETS[i % PETS.length]!;
      return `${ADJECTIVES[i % ADJECTIVES.length]} ${entity.name}`;
    case "pets":
      return animal ? `${PETS[i % PETS.length]}${i % 3 === 0 ? ` and ${PETS[(i + 4) % PETS.length]}` : ""}` : "";
    case "breed":
      return pick(BREEDS[entity.name] ?? SPECIES, i);
    case "related":
      return PEOPLE[i % PEOPLE.length]!;
    case "number":
      return `${entity.type.slice(0, 3).toUpperCase()}-${1001 + i}`;
    case "category":
      return CATEGORIES[i % CATEGORIES.length]!;
    case "title":
      return entity.role === "work" ? TASKS[i % TASKS.length]! : entity.role === "content" ? TITLES[i % TITLES.length]! : `${titleCase(entity.name)} ${i + 1}`;
    case "author":
      return PEOPLE[(i + 2) % PEOPLE.length]!;
    default:
      return NOTES[i % NOTES.length]!;
  }
}
