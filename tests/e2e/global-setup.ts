/** @module Builds the SPA once (when its sources changed) before the end-to-end tests serve it. */
import { ensureWebBuild } from "../../local/web/build.ts";

export default async function setup() {
  await ensureWebBuild();
}
