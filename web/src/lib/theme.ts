/** @module Light, dark or the system's theme: the choice kept in localStorage, the resolved theme on `<html data-theme>`. */

/** What the user picked; "system" follows `prefers-color-scheme`. */
export type ThemeChoice = "system" | "light" | "dark";

export const THEME_STORAGE_KEY = "codeforge:theme";

/**
 * Reads the stored choice and sets `data-theme` on `<html>` to "light" or "dark".
 * Self-contained, because index.html runs its source inline before the first
 * paint (web/vite.config.ts injects it): no imports, no outer names.
 */
export function applyStoredTheme(key: string): "system" | "light" | "dark" {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(key);
  } catch {
    // Storage blocked (private mode, sandboxed frame): follow the system.
  }
  const choice = stored === "light" || stored === "dark" ? stored : "system";
  const dark = choice === "dark" || (choice === "system" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  return choice;
}

/** The `<script>` index.html gets in its head, so the page is painted in the chosen theme from the start. */
export const themeBootScript = () => `<script>(${applyStoredTheme.toString()})(${JSON.stringify(THEME_STORAGE_KEY)});</script>`;

/** Remembers `choice` (system forgets the stored one) and applies it. */
export function chooseTheme(choice: ThemeChoice): void {
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage blocked: not remembered, still applied to this page.
  }
  if (choice === "system") applyStoredTheme(THEME_STORAGE_KEY);
  else document.documentElement.dataset.theme = choice;
}
