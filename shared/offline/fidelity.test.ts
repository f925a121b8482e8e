import { describe, expect, it } from "vitest";
import { appFidelity, fidelityOf, pageWords } from "./fidelity.ts";

describe("measuring fidelity", () => {
  it("reads what a page is about from its route", () => {
    expect(pageWords("/fuel-receipts/:id")).toEqual(["fuel", "receipt"]);
    expect(pageWords("/admin/shopping-lists")).toEqual(["shopping", "list"]);
    expect(pageWords("/")).toEqual([]);
    // A hyphenated name is made singular whole: "ins" alone is no plural, "trade-ins" is.
    expect(pageWords("/trade-ins")).toEqual(["trade", "in"]);
    expect(pageWords("/daily-check-ins")).toEqual(["daily", "check", "in"]);
    expect(pageWords("/party-menus")).toEqual(["party", "menu"]);
    expect(pageWords("/weekly-quizzes")).toEqual(["weekly", "quiz"]);
  });

  it("counts named records with a page (recall) and pages about the idea (precision)", () => {
    const idea = "a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts";
    const entities = ["van", "driver", "service", "fuel receipt"];
    expect(fidelityOf(idea, entities, ["/", "/vans", "/drivers", "/services", "/fuel-receipts"])).toMatchObject({ recall: 1, precision: 1 });
    const leaked = fidelityOf(idea, entities, ["/", "/ingredients", "/recipes", "/services", "/passengers", "/rides", "/drivers"]);
    expect(leaked).toMatchObject({ recall: 0.5, missing: ["van", "fuel receipt"], offTopic: ["/ingredients", "/recipes", "/passengers", "/rides"] });
    expect(leaked.precision).toBeCloseTo(2 / 6, 5);
    expect(fidelityOf("x-rays", ["x-ray|xray"], ["/x-rays"]).recall).toBe(1);
    // A name written as one word or two is the same name; a word inside another is not.
    expect(fidelityOf("sign ups", ["signup"], ["/sign-ups"]).recall).toBe(1);
    expect(fidelityOf("plants", ["ant"], ["/plants"]).recall).toBe(0);
    expect(fidelityOf("enrol", ["enrollment", "neighbor"], ["/enrolments", "/neighbours"]).recall).toBe(1);
    // Shorthand in a label is the word it stands for.
    expect(fidelityOf("my nail techs", ["nail tech"], ["/nail-technicians"]).recall).toBe(1);
  });

  it("tells the labels an idea names in its own words from those it only implies", () => {
    const score = fidelityOf("collect quarterly dues from homeowners", ["homeowner", "dues payment|payment", "due"], ["/homeowners"]);
    expect(score).toMatchObject({ implied: ["dues payment|payment"], missing: ["dues payment|payment", "due"] });
    // A page about the idea that no label asked for is unlabelled, not off-topic.
    expect(fidelityOf("homeowners pay dues to the board", ["homeowner"], ["/", "/homeowners", "/boards"])).toMatchObject({ precision: 1, unlabelled: ["/boards"] });
  });

  it("scores an app against its requirements' records by the lower of the two", () => {
    expect(appFidelity(["client", "walk"], ["/", "/clients", "/clients/:id", "/walks"])).toMatchObject({ recall: 1, precision: 1, score: 1 });
    expect(appFidelity(["client", "walk"], ["/", "/clients", "/recipes"])).toMatchObject({ recall: 0.5, precision: 0.5, score: 0.5, missing: ["walk"], offTopic: ["/recipes"] });
  });
});
