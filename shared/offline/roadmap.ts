/** @module The offline roadmap agent: a build-the-app curriculum from the requirements and site map, shaped by skill level. */
import type { RoadmapInput } from "../agents/types.ts";
import type { LearningRoadmap, RoadmapModule } from "../protocol/index.ts";
import { profileOfRequirements } from "./wireframe.ts";
import { LEVEL_PLANS } from "./roadmap-levels.ts";
import { clip, plural } from "./text.ts";

/**
 * Modules in build order: a beginner's fundamentals first, then set-up, pages
 * and navigation (one step per route), one module per record type, Supabase,
 * polish and tests, deployment. The level decides the modules, their steps
 * and their hours (see roadmap-levels.ts); each module requires the one before.
 */
export function offlineRoadmap(input: RoadmapInput): LearningRoadmap {
  const { requirements, wireframe, skill_level } = input;
  const plan = LEVEL_PLANS[skill_level];
  const profile = profileOfRequirements(requirements);
  const hours = (base: number) => Math.min(100, Math.round(base * plan.pace * 2) / 2);
  const modules: Omit<RoadmapModule, "prerequisites">[] = [
    ...plan.fundamentals(hours),
    {
      title: "Set up the project",
      description: "Create the Vite + React + TypeScript project and run it locally.",
      steps: plan.setUp,
      estimated_hours: hours(1.5),
    },
    {
      title: "Pages and navigation",
      description: `Give ${requirements.app_name} its site map with react-router.`,
      steps: [
        "Install react-router-dom and wrap the app in <BrowserRouter>",
        ...(wireframe?.site_map ?? []).slice(0, 8).map((page) => `Create the page for ${page.path}: ${clip(page.description, 80)}`),
        "Add a layout with navigation links",
      ],
      estimated_hours: hours(2 + 0.5 * Math.min(8, wireframe?.site_map.length ?? 3)),
    },
    ...profile.entities.slice(0, 4).map((entity) => {
      const many = plural(entity.name);
      const feature = requirements.core_features.find((f) => f.name.toLowerCase().includes(entity.name));
      return {
        title: `Build the ${many} feature`,
        description: feature?.description ?? `Keep ${many}: list, add, edit and remove them.`,
        steps: plan.featureSteps(entity.name, many),
        estimated_hours: hours(entity.role === "activity" ? 5 : 3.5),
      };
    }),
    {
      title: "Store data in Supabase",
      description: "Move the records from the browser into Postgres, one account per user.",
      steps: [
        ...plan.dataBefore,
        "Create a Supabase project and the tables",
        "Enable Row Level Security with a policy per table",
        "Sign users in with Supabase Auth",
        `Read and write ${profile.entities.slice(0, 3).map((e) => plural(e.name)).join(", ")} with supabase-js`,
        ...plan.dataAfter,
      ],
      estimated_hours: hours(6),
    },
    {
      title: "Polish and test",
      description: skill_level === "advanced" ? "Accessibility, performance and end-to-end tests in CI." : "Empty states, errors, accessibility and a few tests.",
      steps: plan.testing,
      estimated_hours: hours(4),
    },
    {
      title: "Deploy",
      description: `Put ${requirements.app_name} online.`,
      steps: ["Build with `npm run build`", "Deploy the dist folder to a static host", "Set the Supabase URL and anon key as environment variables"],
      estimated_hours: hours(1.5),
    },
  ];
  const withPrereqs: RoadmapModule[] = modules.map((m, i) => ({ ...m, title: clip(m.title, 200), prerequisites: i === 0 ? [] : [clip(modules[i - 1]!.title, 200)] }));
  const total = Math.min(500, withPrereqs.reduce((sum, m) => sum + m.estimated_hours, 0));
  const weeks = input.hours_per_week ? ` About ${Math.ceil(total / input.hours_per_week)} weeks at ${input.hours_per_week} hours a week.` : "";
  return {
    title: clip(`Build ${requirements.app_name} step by step`, 200),
    description: `${skill_level === "beginner" ? "A" : "An"} ${skill_level} path through building ${requirements.app_name}: ${withPrereqs.length} modules, ${total} hours.${weeks} Planned by the offline engine from the requirements.`,
    skill_level,
    modules: withPrereqs,
    total_estimated_hours: total,
  };
}
