import { describe, expect, it } from "vitest";
import { cosineSimilarity, EMBEDDING_DIMENSIONS, embedText, toSparseLiteral, words } from "./feature-hashing.ts";

describe("embedText", () => {
  it("returns a unit vector of 1536 dimensions", () => {
    const vector = embedText("a CRM for dog walkers");
    expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
  });

  it("is deterministic", () => {
    expect(embedText("Booking app for yoga studios")).toEqual(embedText("Booking app for yoga studios"));
  });

  it("ranks texts that share words above texts that do not", () => {
    const query = embedText("customer relationship manager for dog walkers with client scheduling");
    const crm = embedText("CRM: clients, contacts, scheduling of visits, customer notes");
    const shop = embedText("online shop with cart, checkout and product catalogue");
    expect(cosineSimilarity(query, crm)).toBeGreaterThan(cosineSimilarity(query, shop));
  });

  it("returns zeros for text without words", () => {
    expect(embedText("!!! ?").every((value) => value === 0)).toBe(true);
  });

  it("ignores case, punctuation and stop words", () => {
    expect(words("The CRM, for Dog-Walkers!")).toEqual(["crm", "dog", "walkers"]);
    expect(embedText("The CRM for dog walkers")).toEqual(embedText("crm dog walkers"));
  });
});

describe("toSparseLiteral", () => {
  it("lists the non-zero entries 1-based with the dimension", () => {
    expect(toSparseLiteral([0, 0.5, 0, -0.25])).toBe("{2:0.5,4:-0.25}/4");
  });
});
