import { describe, expect, it } from "vitest";
import fixture from "../../bench/fixtures/ideas.json" with { type: "json" };
import { analyseIdea } from "./idea.ts";
import { listedEntities } from "./idea-lists.ts";
import { recordsNamed } from "./record-model.ts";
import { trainRecordModels, UNTRAINED_SETS, type LabelledIdea } from "./record-training.ts";
import { MODIFIER_WEIGHTS, RECORD_WEIGHTS } from "./record-weights.ts";

const names = (idea: string) => analyseIdea(idea).entities.map((e) => e.name);
const ideas = fixture.ideas as LabelledIdea[];

describe("the record model", () => {
  // Training reads and tags some 4,500 ideas: about ten seconds, more on a busy machine.
  it("has the weights training on the fixture gives (npm run gen:record-weights writes them)", { timeout: 60_000 }, () => {
    expect(trainRecordModels(ideas)).toEqual({ records: RECORD_WEIGHTS, modifiers: MODIFIER_WEIGHTS });
  });

  it("never learns from the sets the benchmark measures it on", () => {
    const untrained = ideas.filter((c) => UNTRAINED_SETS.has(c.set ?? ""));
    expect(untrained.length).toBeGreaterThanOrEqual(400);
    expect(trainRecordModels(untrained)).toEqual({ records: {}, modifiers: {} });
  });

  it("adds the records the rules miss in a sentence without its articles", () => {
    const idea = "Our physiotherapy clinic need system: patients come with referral from doctor, therapist makes treatment plan and each session is logged.";
    expect(listedEntities(idea).map((e) => e.name)).not.toContain("therapist");
    expect(names(idea)).toEqual(["patient", "referral", "doctor", "therapist", "treatment plan", "session"]);
  });

  it("adds no record from the phrase the idea opens with to say what the app is", () => {
    expect(names("a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts")).toEqual(["van", "driver", "service", "fuel receipt"]);
    expect(names("Bakery inventory - ingredients, suppliers, recipes and orders")).toEqual(["ingredient", "supplier", "recipe", "order"]);
  });

  it("drops what the rules took for a record when it is what the app is for", () => {
    const idea = "we run a community choir and need to organise singers, rehearsals, songs & concerts";
    expect(listedEntities(idea).map((e) => e.name)).toContain("community choir");
    expect(names(idea)).toEqual(["singer", "rehearsal", "song", "concert"]);
  });

  it("names a record with the word the idea writes before it when that word is part of its name", () => {
    expect(names("Comic store: customers, pull lists, new issues and special orders")).toContain("special order");
    expect(recordsNamed("optometry practice: patients, eye exams, glasses orders sent to the lab").map((e) => e.name)).toContain("glasses order");
  });

  it("adds no one the app is for, and leaves an idea that lists no records to the domain", () => {
    expect(names("An app for tattoo artists with appointments, deposits and designs")).toEqual(["appointment", "deposit", "design"]);
    expect(names("A CRM for dog walkers")).toEqual(["client", "dog", "walk", "invoice"]);
  });

  it("keeps the references of the records it keeps, and only those", () => {
    const records = recordsNamed("a reading tracker for a school library: loans of books to students, reading goals");
    expect(records.find((e) => e.name === "loan")?.refs).toEqual(["book", "student"]);
    for (const { refs } of records) for (const ref of refs) expect(records.map((e) => e.name)).toContain(ref);
  });
});
