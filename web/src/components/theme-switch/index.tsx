/** @module The header's theme switch: system, light or dark, remembered on this device. */
import { useEffect, useState } from "react";
import { applyStoredTheme, chooseTheme, THEME_STORAGE_KEY, type ThemeChoice } from "../../lib/theme.ts";

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "System" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(() => applyStoredTheme(THEME_STORAGE_KEY));

  // Following the system: a change of its setting while the page is open applies at once.
  useEffect(() => {
    if (choice !== "system" || typeof window.matchMedia !== "function") return;
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyStoredTheme(THEME_STORAGE_KEY);
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [choice]);

  return (
    <label className="theme-switch">
      <span>Theme</span>
      <select
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          chooseTheme(next);
          setChoice(next);
        }}
      >
        {CHOICES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
