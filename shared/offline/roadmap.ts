/** @module The offline roadmap agent: a build-the-app curriculum from the requirements and site map, paced by skill level. */
import type { RoadmapInput } from "../agents/types.ts";
import type { LearningRoadmap, RoadmapModule } from "../protocol/index.ts";
import { profileOfRequirements } from "./wireframe.ts";
import { clip, plural } from "./text.ts";

const PACE = { beginner: 2, intermediate: 1.3, advanced: 1 } as const;

/**
 * Modules in build order: set-up, pages and navigation (one step per route),
 * one module per record type, Supabase, polish and tests, deployment. Hours
 * scale with the skill level; each module requires the one before.
 */
export function offlineRoadmap(input: RoadmapInput): LearningRoadmap {
  const { requirements, wireframe, skill_level } = input;
  const pace = PACE[skill_level];
  const profile = profileOfRequirements(requirements);
  const hours = (base: number) => Math.min(100, Math.round(base * pace * 2) / 2);
  const modules: Omit<RoadmapModule, "prerequisites">[] = [
    {
      title: "Set up the project",
      description: "Create the Vite + React + TypeScript project and run it locally.",
      steps: ["Install Node.js and create the project with `npm create vite@latest`", "Run `npm run dev` and open the app", "Put the project under git and make the first commit"],
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
        steps: [`Define a TypeScript type for a ${entity.name}`, `List ${many} in a table or cards`, `Add a form to create a ${entity.name}`, `Edit and remove ${many}`, "Keep them in state and localStorage"],
        estimated_hours: hours(entity.role === "activity" ? 5 : 3.5),
      };
    }),
    {
      title: "Store data in Supabase",
      description: "Move the records from the browser into Postgres, one account per user.",
      steps: ["Create a Supabase project and the tables", "Enable Row Level Security with a policy per table", "Sign users in with Supabase Auth", `Read and write ${profile.entities.slice(0, 3).map((e) => plural(e.name)).join(", ")} with supabase-js`],
      estimated_hours: hours(6),
    },
    {
      title: "Polish and test",
      description: "Empty states, errors, accessibility and a few tests.",
      steps: ["Show empty and loading states", "Check keyboard navigation and labels", "Write unit tests with Vitest", "Fix what the tests find"],
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
    description: `A ${skill_level} path through building ${requirements.app_name}: ${withPrereqs.length} modules, ${total} hours.${weeks} Planned by the offline engine from the requirements.`,
    skill_level,
    modules: withPrereqs,
    total_estimated_hours: total,
  };
}
