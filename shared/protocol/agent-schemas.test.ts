import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { firstIssue } from "../../tests/shared/first-issue.ts";
import {
  AgentType,
  ChoiceFramework,
  ClarificationQuestion,
  ClarificationResponse,
  CodeGenerationResult,
  Component,
  Feature,
  ImplementationOption,
  JobStatusType,
  LearningRoadmap,
  PageRoute,
  PriorityLevel,
  QAIssue,
  QAIssueSeverity,
  QAResult,
  RequirementsDoc,
  RoadmapModule,
  UserPersona,
  WireframeSpec,
  agentOutputSchemas,
} from "./index.ts";

const persona = { role: "Dog walker", goal: "Plan the day's walks", pain_point: "Double bookings" };
const feature = { name: "Scheduling", description: "Book walks in a calendar", priority: "must-have" };
const requirements = {
  app_name: "WalkCRM",
  elevator_pitch: "A CRM that keeps dog walkers' clients and walks in one place.",
  target_audience: [persona],
  core_features: [feature],
  recommended_stack: ["React", "Supabase"],
  technical_constraints: null,
};
const component = { name: "WalkCalendar", props: ["walks"], children: ["WalkCard"] };
const route = { path: "/", description: "Dashboard", components: [component] };
const wireframe = { site_map: [route], global_state_needs: ["session"], theme_colors: ["#0f172a"] };
const code = { file_path: "src/app/page.tsx", code: "export default function Page() {}", language: "typescript", explanation: "Entry page" };
const issue = { severity: "warning", description: "No empty state", suggestion: "Add one" };
const qa = { passed: true, issues: [issue], summary: "Fine" };
const option = { id: "a", title: "Context", pros: ["simple"], cons: ["re-renders"], difficulty: "beginner", educational_value: "Learn context" };
const choice = { context: "State management", options: [option], recommendation: "a" };
const roadmapModule = { title: "Basics", description: "Start", steps: ["Set up"], estimated_hours: 2, prerequisites: [] };
const roadmap = { title: "Build WalkCRM", description: "Learn by building", skill_level: "beginner", modules: [roadmapModule], total_estimated_hours: 2 };
const question = { id: "q1", question: "Payments in the MVP?", options: ["yes", "no"] };
const answer = { question_id: "q1", answer: "Just scheduling for MVP" };

// [name, schema, a valid example, an out-of-bounds or wrong-type variant with the issue it must raise]
const cases: Array<[string, z.ZodType, Record<string, unknown>, Record<string, unknown>, string]> = [
  ["UserPersona", UserPersona, persona, { ...persona, role: "r".repeat(101) }, "role: too_big"],
  ["Feature", Feature, feature, { ...feature, description: "" }, "description: too_small"],
  ["RequirementsDoc", RequirementsDoc, requirements, { ...requirements, elevator_pitch: "too short" }, "elevator_pitch: too_small"],
  ["Component", Component, component, { ...component, name: "" }, "name: too_small"],
  ["PageRoute", PageRoute, route, { ...route, path: "/".repeat(201) }, "path: too_big"],
  ["WireframeSpec", WireframeSpec, wireframe, { ...wireframe, site_map: [{ ...route, components: [{ ...component, props: [1] }] }] }, "site_map.0.components.0.props.0: invalid_type"],
  ["CodeGenerationResult", CodeGenerationResult, code, { ...code, code: "" }, "code: too_small"],
  ["QAIssue", QAIssue, issue, { ...issue, suggestion: 3 }, "suggestion: invalid_type"],
  ["QAResult", QAResult, qa, { ...qa, passed: "yes" }, "passed: invalid_type"],
  ["ImplementationOption", ImplementationOption, option, { ...option, pros: "simple" }, "pros: invalid_type"],
  ["ChoiceFramework", ChoiceFramework, choice, { ...choice, options: [{ ...option, title: null }] }, "options.0.title: invalid_type"],
  ["RoadmapModule", RoadmapModule, roadmapModule, { ...roadmapModule, estimated_hours: 0 }, "estimated_hours: too_small"],
  ["LearningRoadmap", LearningRoadmap, roadmap, { ...roadmap, total_estimated_hours: 500.5 }, "total_estimated_hours: too_big"],
  ["ClarificationQuestion", ClarificationQuestion, question, { ...question, options: [true] }, "options.0: invalid_type"],
  ["ClarificationResponse", ClarificationResponse, answer, { ...answer, answer: undefined }, "answer: invalid_type"],
];

describe("agent schemas (docs/architecture.md#building-an-app-agents-and-jobs)", () => {
  describe.each(cases)("%s", (_name, schema, valid, invalid, expected) => {
    it("accepts a valid example", () => {
      expect(schema.parse(valid)).toEqual(valid);
    });
    it("rejects an unknown key, like extra=\"forbid\"", () => {
      const result = schema.safeParse({ ...valid, surprise: 1 });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["surprise"], path: [] });
    });
    it("rejects an out-of-bounds or mistyped field at its path", () => {
      expect(firstIssue(schema, invalid)).toBe(expected);
    });
  });

  it("reports an unknown key deep inside at its full path", () => {
    const result = LearningRoadmap.safeParse({ ...roadmap, modules: [{ ...roadmapModule, hint: "x" }] });
    expect(result.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["hint"], path: ["modules", 0] });
  });

  it("rejects wrong enum values with the field's path", () => {
    expect(firstIssue(Feature, { ...feature, priority: "must_have" })).toBe("priority: invalid_value");
    expect(firstIssue(QAIssue, { ...issue, severity: "error" })).toBe("severity: invalid_value");
    expect(firstIssue(ImplementationOption, { ...option, difficulty: "expert" })).toBe("difficulty: invalid_value");
    expect(firstIssue(LearningRoadmap, { ...roadmap, skill_level: "Beginner" })).toBe("skill_level: invalid_value");
    expect(firstIssue(RequirementsDoc, { ...requirements, core_features: [{ ...feature, priority: "low" }] })).toBe(
      "core_features.0.priority: invalid_value",
    );
  });

  it("has the seed's enum values", () => {
    expect(AgentType.options).toEqual(["research", "wireframe", "code", "qa", "pedagogy", "roadmap"]);
    expect(JobStatusType.options).toEqual(["queued", "running", "completed", "failed", "waiting_for_input", "cancelled", "paused", "awaiting_review"]);
    expect(PriorityLevel.options).toEqual(["must-have", "should-have", "nice-to-have"]);
    expect(QAIssueSeverity.options).toEqual(["critical", "warning", "info"]);
  });

  it("fills the Pydantic defaults", () => {
    expect(CodeGenerationResult.parse({ code: "x", explanation: "" })).toEqual({
      file_path: "src/app/page.tsx",
      code: "x",
      language: "typescript",
      explanation: "",
    });
    const { technical_constraints: _omitted, ...withoutConstraints } = requirements;
    expect(RequirementsDoc.parse(withoutConstraints).technical_constraints).toBeNull();
    expect(ClarificationQuestion.parse({ id: "q", question: "?" }).options).toBeNull();
    const first = RoadmapModule.parse({ title: "t", description: "", steps: [], estimated_hours: 1 });
    const second = RoadmapModule.parse({ title: "t", description: "", steps: [], estimated_hours: 1 });
    expect(first.prerequisites).toEqual([]);
    expect(first.prerequisites).not.toBe(second.prerequisites);
  });

  it("keeps the seed's bounds at their edges", () => {
    expect(firstIssue(RoadmapModule, { ...roadmapModule, estimated_hours: 100 })).toBe("accepted");
    expect(firstIssue(RoadmapModule, { ...roadmapModule, estimated_hours: 100.01 })).toBe("estimated_hours: too_big");
    expect(firstIssue(RoadmapModule, { ...roadmapModule, estimated_hours: -1 })).toBe("estimated_hours: too_small");
    expect(firstIssue(LearningRoadmap, { ...roadmap, total_estimated_hours: 0 })).toBe("total_estimated_hours: too_small");
    expect(firstIssue(LearningRoadmap, { ...roadmap, modules: [] })).toBe("modules: too_small");
    expect(firstIssue(RequirementsDoc, { ...requirements, elevator_pitch: "p".repeat(20) })).toBe("accepted");
    expect(firstIssue(RequirementsDoc, { ...requirements, elevator_pitch: "p".repeat(501) })).toBe("elevator_pitch: too_big");
    expect(firstIssue(CodeGenerationResult, { ...code, file_path: "f".repeat(501) })).toBe("file_path: too_big");
    expect(firstIssue(CodeGenerationResult, { ...code, language: "" })).toBe("language: too_small");
  });

  it("maps every agent to its output schema", () => {
    expect(Object.keys(agentOutputSchemas).sort()).toEqual([...AgentType.options].sort());
    expect(agentOutputSchemas.roadmap.parse(roadmap)).toEqual(roadmap);
  });
});
