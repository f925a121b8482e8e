/** @module The Studio's provider adapters, chosen by `providers.settings.kind`. */
import { civitaiProvider } from "./civitai.ts";
import { falProvider } from "./fal.ts";
import { offlineProvider } from "./offline.ts";
import { openaiProvider } from "./openai.ts";
import { replicateProvider } from "./replicate.ts";
import type { StudioProvider } from "./types.ts";

export * from "./types.ts";

const adapters: Record<string, StudioProvider> = Object.fromEntries(
  [offlineProvider, replicateProvider, falProvider, openaiProvider, civitaiProvider].map((provider) => [provider.kind, provider]),
);

/** The adapter of a provider kind, or null when CodeForge has none. */
export const adapterFor = (kind: string | undefined): StudioProvider | null => (kind ? adapters[kind] ?? null : null);
