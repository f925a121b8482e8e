// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { SiteMap } from "./index.tsx";

afterEach(cleanup);

const spec = {
  site_map: [
    { path: "/walks", description: "Walks", components: [{ name: "WalkTable", props: ["rows"], children: ["WalkRow"] }, { name: "WalkForm", props: [], children: [] }] },
    { path: "/", description: "Home", components: [] },
  ],
  global_state_needs: [],
  theme_colors: ["#4338ca"],
};

describe("SiteMap", () => {
  it("folds each route, and links a component to its generated file where there is one", () => {
    const { container } = render(
      <MemoryRouter>
        <SiteMap spec={spec} fileOf={(name) => (name === "WalkForm" ? "/files/src/components/WalkForm.tsx" : null)} />
      </MemoryRouter>,
    );
    const routes = container.querySelectorAll("details");
    expect([...routes].map((route) => route.open)).toEqual([true, true]);
    fireEvent.click(screen.getByText("/walks"));
    expect(routes[0]!.open).toBe(false);
    expect(screen.getByRole("link", { name: "WalkForm" }).getAttribute("href")).toBe("/files/src/components/WalkForm.tsx");
    expect(screen.queryByRole("link", { name: "WalkTable" })).toBeNull();
    expect(screen.getByText("WalkRow")).toBeTruthy();
  });
});
