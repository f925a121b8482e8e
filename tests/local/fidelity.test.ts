import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageWords } from "../../shared/offline/fidelity.ts";
import { callFunction } from "./api.ts";
import { startStackWithUsers, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, alice: SignedUpUser;
beforeAll(async () => ({ stack, alice } = await startStackWithUsers()));
afterAll(() => stack?.close());

/** Runs `idea` through run-pipeline on the shared stack and answers with its site map, QA result and job events. */
async function build(idea: string) {
  const { data: project } = await alice.client.from("projects").insert({ user_id: alice.userId, title: idea.slice(0, 40), mode: "builder" }).select("id").single().throwOnError();
  const started = await callFunction(stack, alice, "POST", "/run-pipeline", { project_id: project!.id, input_context: { user_idea: idea } });
  expect(started.status).toBe(202);
  const { job_id } = await started.json();
  const deadline = Date.now() + 90_000;
  let job: { status: string; result: { passed?: boolean } };
  do {
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = await (await callFunction(stack, alice, "GET", `/jobs/${job_id}`)).json();
  } while (!["completed", "failed", "cancelled", "waiting_for_input"].includes(job.status) && Date.now() < deadline);
  expect(job.status).toBe("completed");
  const { data } = await alice.client.from("projects").select("architecture_spec").eq("id", project!.id).single().throwOnError();
  const { data: events } = await alice.client.from("job_events").select("type, data").eq("job_id", job_id).order("seq").throwOnError();
  const paths: string[] = data!.architecture_spec.site_map.map((page: { path: string }) => page.path);
  // The app itself, not just its site map: the routes App.tsx declares.
  const { data: app } = await alice.client.from("project_files").select("content").eq("project_id", project!.id).eq("path", "src/App.tsx").single().throwOnError();
  const routes = [...(app!.content as string).matchAll(/<Route path="([^"]+)"/g)].map((m) => m[1]!);
  return { paths, routes, words: new Set(paths.flatMap(pageWords)), events: events!, passed: job.result.passed };
}

describe("idea fidelity on one stack, one idea after another (the learning loop between them)", () => {
  it("gives the fleet, library and yoga ideas apps about their own records, with no bakery or yoga pages leaking in", async () => {
    const bakery = await build("Bakery inventory: ingredients, suppliers, recipes and orders");
    expect(bakery.paths).toEqual(expect.arrayContaining(["/ingredients", "/suppliers", "/recipes", "/orders"]));
    expect([...bakery.words].sort()).toEqual(["ingredient", "order", "recipe", "supplier"]);
    expect(bakery.events.some((e) => e.type === "pattern_stored")).toBe(true);

    const yoga = await build("a booking system for a small yoga studio with classes, instructors and memberships");
    expect(yoga.paths).toEqual(expect.arrayContaining(["/classes", "/instructors", "/memberships"]));
    expect(yoga.routes).toEqual(expect.arrayContaining(["/classes", "/instructors", "/memberships"]));
    for (const word of ["tutor", "student", "ingredient", "recipe", "supplier"]) expect(yoga.words.has(word), word).toBe(false);

    const fleet = await build("a fleet maintenance log for a delivery company: vans, drivers, services and fuel receipts");
    expect(fleet.paths).toEqual(expect.arrayContaining(["/vans", "/drivers", "/services", "/fuel-receipts"]));
    expect(fleet.routes).toEqual(expect.arrayContaining(["/vans", "/fuel-receipts"]));
    for (const word of ["ingredient", "supplier", "recipe", "order", "item", "alert", "passenger", "ride", "class", "instructor", "membership"]) expect(fleet.words.has(word), word).toBe(false);

    const library = await build("a reading tracker for a school library: students, books, loans and reading goals");
    expect(library.paths).toEqual(expect.arrayContaining(["/students", "/books", "/loans", "/reading-goals"]));
    expect(library.routes).toEqual(expect.arrayContaining(["/books", "/loans"]));
    for (const word of ["tutor", "studio", "class", "session", "instructor", "membership", "ingredient", "course"]) expect(library.words.has(word), word).toBe(false);

    for (const app of [yoga, fleet, library]) {
      // result.passed is false while QA finds a fidelity miss.
      expect(app.passed).toBe(true);
      // Every retrieval decision is in the timeline with its reason; none took another idea's app.
      const decisions = app.events.filter((e) => e.type === "pattern_taken" || e.type === "pattern_rejected");
      expect(decisions.length).toBeGreaterThan(0);
      for (const d of decisions) expect(d.data.reason).toEqual(expect.any(String));
      const taken = decisions.filter((d) => d.type === "pattern_taken").map((d) => d.data.name);
      for (const name of ["Bakery Inventory", "Yoga Studio Booking"]) expect(taken).not.toContain(name);
    }
    expect(fleet.events.filter((e) => e.type === "pattern_rejected").map((e) => e.data.name)).toContain("Bakery Inventory");
  }, 240_000);
});
