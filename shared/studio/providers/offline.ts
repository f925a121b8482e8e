/** @module The offline provider: renders locally, needs no key and no network. */
import { renderOffline } from "../render-offline.ts";
import type { StudioProvider } from "./types.ts";

export const offlineProvider: StudioProvider = {
  kind: "offline",
  needsKey: false,
  async generate({ parameters }) {
    const { png, width, height } = await renderOffline(parameters);
    return { bytes: png, mimeType: "image/png", actual: parameters, returned: { width, height, renderer: "pattern-v1" } };
  },
};
