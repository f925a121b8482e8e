import { describe, expect, it } from "vitest";
import { analyseIdea } from "./idea.ts";
import { mendSpelling } from "./spelling.ts";

describe("mending typing slips", () => {
  it("mends swapped letters, a double letter typed once or thrice and a long word's missing vowel, in the word's number", () => {
    expect(mendSpelling("wholesale cusotmers, suplies, a reciept, equippment, meting rooms, custmers, invoces")).toBe("wholesale customers, supplies, a receipt, equipment, meeting rooms, customers, invoices");
  });

  it("leaves real words and short ones alone, even one letter from a known noun", () => {
    const text = "drives, grocery stores, a hostel, diners, reports, Orders, constructor";
    expect(mendSpelling(text)).toBe(text);
  });

  it("names the app's records as the idea meant them", () => {
    expect(analyseIdea("cake shop: custom cake orders, ingredients and wholesale cusotmers").entities.map((e) => e.name)).toEqual(["custom cake order", "ingredient", "wholesale customer"]);
  });
});
