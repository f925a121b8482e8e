/** @module Wireframe agent output (docs/architecture.md#building-an-app-agents-and-jobs), stored in `projects.architecture_spec`. */
import { z } from "zod";

/** A UI component on a page (Pydantic `Component`). */
export const Component = z.strictObject({
  name: z.string().min(1).max(100),
  props: z.array(z.string()),
  children: z.array(z.string()),
});
export type Component = z.infer<typeof Component>;

/** One route of the site map (Pydantic `PageRoute`). */
export const PageRoute = z.strictObject({
  path: z.string().min(1).max(200),
  description: z.string(),
  components: z.array(Component),
});
export type PageRoute = z.infer<typeof PageRoute>;

/** The app's architecture (Pydantic `WireframeSpec`). */
export const WireframeSpec = z.strictObject({
  site_map: z.array(PageRoute),
  global_state_needs: z.array(z.string()),
  theme_colors: z.array(z.string()),
});
export type WireframeSpec = z.infer<typeof WireframeSpec>;
