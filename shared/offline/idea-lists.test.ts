import { describe, expect, it } from "vitest";
import fixture from "../../bench/fixtures/ideas.json" with { type: "json" };
import { fieldsFor } from "./domain.ts";
import { analyseIdea } from "./idea.ts";
import { listedEntities } from "./idea-lists.ts";
import { offlineResearch } from "./research.ts";
import { tokens } from "./fidelity.ts";
import { offlineWireframe, profileOfRequirements } from "./wireframe.ts";

const names = (idea: string) => listedEntities(idea).map((e) => e.name);
/** Whether `found` holds the labelled entity (`x-ray|xray`: either): all its words in one name. */
const holds = (found: string[], entity: string) => entity.split("|").some((option) => found.some((name) => tokens(option).every((w) => tokens(name).includes(w))));

describe("the records an idea lists", () => {
  // Ideas of a named set (unseen-2 onwards) are measured by bench/fidelity.ts, where a record too many is no miss.
  const tuned = fixture.ideas.filter((c) => !("set" in c));
  /** Records the prose names besides the labelled ones: what "Track …" is about is a record too. */
  const alsoNamed: Record<string, string[]> = { "Track film shoots: scenes, actors, locations and call sheets": ["film shoot"] };
  it.each(tuned.map((c) => [c.idea, c.entities] as const))("%j names %j and nothing else", (idea, entities) => {
    const found = names(idea);
    for (const entity of entities) expect(holds(found, entity), `${entity} in ${found.join(", ")}`).toBe(true);
    expect(found).toHaveLength(entities.length + (alsoNamed[idea]?.length ?? 0));
  });

  it.each([
    ["after a colon", "a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts"],
    ["after with", "Fleet maintenance with vans, drivers, services and fuel receipts"],
    ["after a verb", "An app to keep track of vans, drivers, services & fuel receipts for our delivery company"],
    ["after a dash, Oxford comma", "delivery fleet — vans, drivers, services, and fuel receipts"],
    ["with or and plus", "vans or drivers, services plus fuel receipts"],
    ["one per line", "Fleet maintenance log:\n- vans\n- drivers\n- services\n- fuel receipts"],
    ["numbered lines", "Fleet log\n1. vans\n2. drivers\n3. services\n4. fuel receipts"],
    ["capitals and slashes", "FLEET LOG: Vans / Drivers / Services / Fuel Receipts."],
    ["trailing words", "I need vans, drivers, services and fuel receipts in one place"],
    ["between semicolons", "Fleet log needs: vans; drivers; services; fuel receipts"],
    ["numbered inline", "Fleet log: 1) vans 2) drivers 3) services 4) fuel receipts"],
  ])("reads a list %s", (_, idea) => {
    expect(names(idea)).toEqual(["van", "driver", "service", "fuel receipt"]);
  });

  it("reads plural subjects and objects of short clauses as records: players join teams, referees judge games", () => {
    expect(names("a league app: players join teams, teams play matches, referees judge games")).toEqual(["player", "team", "match", "referee", "game"]);
  });

  it("gives one word joined to a two-word name its head: farrier + vet visits", () => {
    expect(names("horse barn: boarders, farrier + vet visits, stall assignments")).toEqual(["boarder", "farrier visit", "vet visit", "stall assignment"]);
    expect(names("horse barn: boarders, farriers and vet visits")).toEqual(["boarder", "farrier", "vet visit"]);
  });

  it("follows the phrasing of relationships: loans of books to students", () => {
    expect(listedEntities("An app to track loans of books to students")).toEqual([
      { name: "loan", refs: ["book", "student"] },
      { name: "book", refs: [] },
      { name: "student", refs: [] },
    ]);
    expect(listedEntities("Keep track of loans of tools to neighbours")[0]).toEqual({ name: "loan", refs: ["tool", "neighbour"] });
  });

  it("lists nothing when the idea names no records, so the domain's knowledge applies", () => {
    for (const idea of ["A CRM for dog walkers", "Scheduling and billing for private tutors", "personal tracker with monthly charts", "todo", "一个帮助小餐馆管理预订的应用"]) expect(names(idea)).toEqual([]);
  });
});

describe("an idea's listed records through the engine", () => {
  it("become the requirements' records under their own names, never a template's", () => {
    const yoga = analyseIdea("a booking system for a small yoga studio with classes, instructors and memberships");
    // A booking system keeps bookings: the record model adds what the list leaves to the kind of app.
    expect(yoga.entities.map((e) => e.name)).toEqual(["booking", "class", "instructor", "membership"]);
    const features = offlineResearch({ user_idea: "a booking system for a small yoga studio with classes, instructors and memberships" }).core_features;
    expect(features.filter((f) => f.priority === "must-have").map((f) => f.name)).toEqual(["Booking scheduling", "Class scheduling", "Instructor directory", "Memberships and payments"]);
    expect(JSON.stringify(features)).not.toMatch(/tutor|student/i);
  });

  it("names each record once, and one page per plural", () => {
    // Both list items lose their first words to "order"; the record model names the one record "glasses order".
    expect(analyseIdea("optician: patients, eye tests, glasses orders, contact lens orders, recalls").entities.map((e) => e.name)).toEqual(["patient", "eye test", "glass", "glasses order", "contact", "recall"]);
    const idea = "need app for my mobile phone repair shop, customer bring phone, we do diagnose, give quotation, if ok we repair";
    const paths = offlineWireframe({ requirements: offlineResearch({ user_idea: idea }), project_type: "crm", patterns: [] }).site_map.map((p) => p.path);
    expect(paths.filter((path) => path === "/diagnoses")).toHaveLength(1);
  });

  it("gives words it does not know a page with default fields", () => {
    const idea = "a tracker for zorbles, quuxes and flimflams";
    const entities = analyseIdea(idea).entities;
    expect(entities).toEqual([{ name: "zorble", role: "generic" }, { name: "quux", role: "generic" }, { name: "flimflam", role: "generic" }]);
    expect(fieldsFor("zorble", "generic", {}).map((f) => f.key)).toEqual(["name", "date", "notes", "status"]);
    const wireframe = offlineWireframe({ requirements: offlineResearch({ user_idea: idea }), project_type: "saas", patterns: [] });
    expect(wireframe.site_map.map((p) => p.path)).toEqual(["/", "/zorbles", "/quuxes", "/flimflams"]);
  });

  it("keeps relationships from the idea to the site map's records", () => {
    const requirements = offlineResearch({ user_idea: "An app to track loans of books to students" });
    expect(requirements.core_features.find((f) => f.name === "Loan scheduling")!.description).toContain("Each loan refers to a book and a student.");
    const wireframe = offlineWireframe({ requirements, project_type: "education", patterns: [] });
    expect(wireframe.site_map.map((p) => p.path)).toEqual(["/", "/loans", "/books", "/students"]);
    expect(profileOfRequirements(requirements).entities[0]).toEqual({ name: "loan", role: "activity", refs: ["book", "student"] });
  });
});
