// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { applyStoredTheme, THEME_STORAGE_KEY, themeBootScript } from "../../lib/theme.ts";
import { ThemeSwitch } from "./index.tsx";

/** A system setting the test can flip, as `matchMedia` reports it. */
function systemPrefers(initial: "light" | "dark") {
  let dark = initial === "dark";
  const listeners = new Set<() => void>();
  vi.stubGlobal("matchMedia", (query: string) => ({
    get matches() {
      return query === "(prefers-color-scheme: dark)" && dark;
    },
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  }));
  return {
    set(next: "light" | "dark") {
      dark = next === "dark";
      for (const listener of listeners) listener();
    },
  };
}

beforeEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ThemeSwitch", () => {
  it("follows the system by default, also when the system setting changes while open", () => {
    const system = systemPrefers("dark");
    render(<ThemeSwitch />);
    expect((screen.getByLabelText("Theme") as HTMLSelectElement).value).toBe("system");
    expect(document.documentElement.dataset.theme).toBe("dark");
    system.set("light");
    expect(document.documentElement.dataset.theme).toBe("light");
  });

  it("applies and remembers a chosen theme, ignores the system then, and forgets it when back to system", () => {
    const system = systemPrefers("dark");
    render(<ThemeSwitch />);
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "light" } });
    expect(document.documentElement.dataset.theme).toBe("light");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");
    system.set("dark");
    expect(document.documentElement.dataset.theme).toBe("light");

    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "system" } });
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
    expect(document.documentElement.dataset.theme).toBe("dark");
  });

  it("starts from the remembered choice", () => {
    systemPrefers("light");
    localStorage.setItem(THEME_STORAGE_KEY, "dark");
    render(<ThemeSwitch />);
    expect((screen.getByLabelText("Theme") as HTMLSelectElement).value).toBe("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
  });
});

describe("the boot script", () => {
  it("is self-contained: run on its own, it applies the stored theme", () => {
    systemPrefers("light");
    localStorage.setItem(THEME_STORAGE_KEY, "dark");
    const source = /^<script>([\s\S]*)<\/script>$/.exec(themeBootScript())![1]!;
    new Function(source)();
    expect(document.documentElement.dataset.theme).toBe("dark");
    localStorage.setItem(THEME_STORAGE_KEY, "nonsense");
    expect(applyStoredTheme(THEME_STORAGE_KEY)).toBe("system");
    expect(document.documentElement.dataset.theme).toBe("light");
  });
});
