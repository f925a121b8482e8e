import { describe, expect, it } from "vitest";
import { matchesRoute, routesInSource, visitPath } from "./routes.ts";

describe("matchesRoute", () => {
  it("matches static paths exactly, parameters by segment, catch-alls by prefix", () => {
    expect(matchesRoute("/", "/")).toBe(true);
    expect(matchesRoute("/", "/clients")).toBe(false);
    expect(matchesRoute("/clients", "/clients?tab=2#top")).toBe(true);
    expect(matchesRoute("/clients", "/client")).toBe(false);
    expect(matchesRoute("/clients/:id", "/clients/clients-1")).toBe(true);
    expect(matchesRoute("/clients/:id", "/clients")).toBe(false);
    expect(matchesRoute("/clients/:id", "/clients/1/edit")).toBe(false);
    expect(matchesRoute("/docs/*", "/docs/a/b")).toBe(true);
  });
});

describe("routesInSource", () => {
  it("reads <Route path> in its three spellings and skips the catch-all", () => {
    const source = `<Route path="/" element={<A />} /><Route path='/b' /><Route element={<L />} path={"/c/:id"} /><Route path="*" element={<N />} />`;
    expect(routesInSource([source])).toEqual(["/", "/b", "/c/:id"]);
  });
});

describe("visitPath", () => {
  it("fills a detail route from a link seen on another page, else with 1", () => {
    expect(visitPath("/clients/:id", ["/", "/clients/clients-3"])).toBe("/clients/clients-3");
    expect(visitPath("/walks/:id", ["/"])).toBe("/walks/1");
    expect(visitPath("/about", [])).toBe("/about");
  });
});
