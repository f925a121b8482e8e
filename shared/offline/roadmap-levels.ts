/** @module How the offline roadmap differs by skill level: what a beginner learns first, what an advanced student skips or adds. */
import type { RoadmapModule, SkillLevel } from "../protocol/index.ts";

type Draft = Omit<RoadmapModule, "prerequisites">;

/** Per level: hour multiplier, the modules before the build, how a record feature is taught, and the extra depth at the end. */
export interface LevelPlan {
  pace: number;
  /** Modules that come before setting up the project (a beginner's fundamentals). */
  fundamentals: (hours: (base: number) => number) => Draft[];
  setUp: string[];
  /** Steps of one record type's feature module (`one` and `many` are its names). */
  featureSteps: (one: string, many: string) => string[];
  /** Steps added before and after the Supabase module's own. */
  dataBefore: string[];
  dataAfter: string[];
  testing: string[];
}

export const LEVEL_PLANS: Record<SkillLevel, LevelPlan> = {
  beginner: {
    pace: 1.5,
    fundamentals: (hours) => [
      {
        title: "Web fundamentals: HTML, CSS and JavaScript",
        description: "What a web page is made of, before any framework.",
        steps: ["Write a page of semantic HTML: headings, lists, a form", "Style it with CSS: the box model, flexbox and a colour palette", "Learn JavaScript values, functions, arrays and objects in the console", "Make a button change the page with a click handler"],
        estimated_hours: hours(6),
      },
      {
        title: "React fundamentals",
        description: "Components, props and state: the ideas every page of the app uses.",
        steps: ["Write a component that returns JSX", "Pass data to it with props", "Keep a counter in useState and re-render on click", "Render a list with map() and keys", "Read an input's value as it is typed"],
        estimated_hours: hours(6),
      },
    ],
    setUp: ["Install Node.js and an editor (VS Code)", "Create the project with `npm create vite@latest` (React + TypeScript)", "Run `npm run dev` and open the app", "Read the files Vite made: index.html, main.tsx, App.tsx", "Put the project under git and make the first commit"],
    featureSteps: (one, many) => [`Sketch the fields of a ${one} on paper`, `Define a TypeScript type for a ${one}`, `List ${many} in a table or cards`, `Add a form to create a ${one}`, `Edit and remove ${many}`, "Keep them in state and localStorage", "Check each change in the browser's developer tools"],
    dataBefore: ["Learn SQL basics in the table editor: select, insert, where"],
    dataAfter: [],
    testing: ["Show empty and loading states", "Check keyboard navigation and labels", "Write a first unit test with Vitest", "Fix what the test finds"],
  },
  intermediate: {
    pace: 1.2,
    fundamentals: () => [],
    setUp: ["Create the Vite + React + TypeScript project", "Add ESLint and Prettier", "Put the project under git and make the first commit"],
    featureSteps: (one, many) => [`Define a TypeScript type for a ${one}`, `List ${many} in a table or cards`, `Add a validated form to create a ${one}`, `Edit and remove ${many}`, "Keep them in a custom hook backed by localStorage"],
    dataBefore: [],
    dataAfter: [],
    testing: ["Show empty, loading and error states", "Check keyboard navigation and labels", "Write component tests with Testing Library", "Fix what the tests find"],
  },
  advanced: {
    pace: 0.8,
    fundamentals: () => [],
    setUp: ["Scaffold Vite + React with strict TypeScript, ESLint and CI on every push"],
    featureSteps: (one, many) => [`Model ${many} as a typed data layer with a ${one} schema (zod)`, `Build list, form and edit views for ${many} over one data hook`],
    dataBefore: [],
    dataAfter: ["Write RLS policies and test them with pgTAP", "Move writes with business rules into an Edge Function"],
    testing: ["Audit accessibility and bundle size", "Write end-to-end tests with Playwright and run them in CI"],
  },
};
