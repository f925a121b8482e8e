import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { firstIssue } from "../../tests/shared/first-issue.ts";
import {
  CancelResponse,
  GitHubExportRequest,
  GitHubExportResponse,
  JobIdParams,
  JobListQuery,
  JobListResponse,
  JobStatusResponse,
  JobStreamEvent,
  MAX_CLARIFICATION_RESPONSES,
  MAX_USER_IDEA_LENGTH,
  RespondRequest,
  RespondResponse,
  RunAgentRequest,
  RunAgentResponse,
  RunPipelineRequest,
  RunPipelineResponse,
  decodeJobStreamEvent,
  encodeJobStreamEvent,
  jobStreamEventData,
} from "./index.ts";

const projectId = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const jobId = "11111111-1111-1111-1111-111111111111";
const runAgent = { project_id: projectId, agent_type: "research", input_context: { user_idea: "A CRM for dog walkers" } };
const runPipeline = { project_id: projectId, input_context: { user_idea: "A CRM for dog walkers" } };
const queued = { job_id: jobId, status: "queued", estimated_time: "30s" };
const jobStatus = {
  job_id: jobId,
  status: "running",
  agent_type: "research",
  project_id: projectId,
  progress: 45.0,
  result: null,
  error: null,
  created_at: "2026-01-15T10:30:00Z",
  completed_at: null,
};
const respond = { responses: [{ question_id: "q1", answer: "Just scheduling for MVP" }] };
const exportRequest = { repo_name: "my-project", github_token: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" };
const exportResponse = { repo_url: "https://github.com/user/my-project", files_pushed: 12, commit_sha: "abc123" };

// [name, schema, the seed's example, a bad variant, the issue it must raise]
const cases: Array<[string, z.ZodType, Record<string, unknown>, Record<string, unknown>, string]> = [
  ["RunAgentRequest", RunAgentRequest, runAgent, { ...runAgent, agent_type: "designer" }, "agent_type: invalid_value"],
  ["RunAgentResponse", RunAgentResponse, queued, { ...queued, estimated_time: "soon" }, "estimated_time: invalid_format"],
  ["RunPipelineRequest", RunPipelineRequest, runPipeline, { ...runPipeline, project_id: "42" }, "project_id: invalid_format"],
  ["RunPipelineResponse", RunPipelineResponse, { ...queued, estimated_time: "5m" }, { ...queued, status: "done" }, "status: invalid_value"],
  ["JobStatusResponse", JobStatusResponse, jobStatus, { ...jobStatus, progress: 101 }, "progress: too_big"],
  ["JobListResponse", JobListResponse, { items: [jobStatus], total: 42, has_more: true }, { items: [], total: -1, has_more: false }, "total: too_small"],
  ["RespondRequest", RespondRequest, respond, { responses: [] }, "responses: too_small"],
  ["RespondResponse", RespondResponse, { status: "running", message: "Agent resumed with clarifications" }, { status: "resumed", message: "" }, "status: invalid_value"],
  ["CancelResponse", CancelResponse, { status: "cancelled" }, { status: "failed" }, "status: invalid_value"],
  ["GitHubExportRequest", GitHubExportRequest, exportRequest, { ...exportRequest, repo_name: "my project" }, "repo_name: invalid_format"],
  ["GitHubExportResponse", GitHubExportResponse, exportResponse, { ...exportResponse, repo_url: "http://github.com/u/r" }, "repo_url: invalid_format"],
  ["progress event", jobStreamEventData.progress, { progress: 45.0, status: "running" }, { progress: -1, status: "running" }, "progress: too_small"],
  ["complete event", jobStreamEventData.complete, { result: { passed: true }, status: "completed" }, { result: {}, status: "failed" }, "status: invalid_value"],
  ["error event", jobStreamEventData.error, { error: "Agent timeout", status: "failed" }, { error: 1, status: "failed" }, "error: invalid_type"],
  ["waiting event", jobStreamEventData.waiting, { questions: [{ id: "q1", question: "Payments?", options: null }], status: "waiting_for_input" }, { questions: [], status: "waiting_for_input" }, "questions: too_small"],
  ["cancelled event", jobStreamEventData.cancelled, { status: "cancelled" }, { status: "canceled" }, "status: invalid_value"],
];

describe("API contracts (docs/api.md)", () => {
  describe.each(cases)("%s", (_name, schema, valid, invalid, expected) => {
    it("accepts the seed's example", () => {
      expect(schema.parse(valid)).toEqual(valid);
    });
    it("rejects an unknown key", () => {
      expect(schema.safeParse({ ...valid, extra: true }).error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["extra"] });
    });
    it("rejects a bad value at its path", () => {
      expect(firstIssue(schema, invalid)).toBe(expected);
    });
  });

  it("bounds the user's idea: trimmed, non-empty, at most 5000 characters", () => {
    const withIdea = (user_idea: unknown) => ({ ...runPipeline, input_context: { user_idea } });
    expect(firstIssue(RunPipelineRequest, withIdea("   "))).toBe("input_context.user_idea: too_small");
    expect(firstIssue(RunPipelineRequest, withIdea("x".repeat(MAX_USER_IDEA_LENGTH)))).toBe("accepted");
    expect(firstIssue(RunPipelineRequest, withIdea("x".repeat(MAX_USER_IDEA_LENGTH + 1)))).toBe("input_context.user_idea: too_big");
    expect(firstIssue(RunPipelineRequest, withIdea(42))).toBe("input_context.user_idea: invalid_type");
    expect(firstIssue(RunPipelineRequest, { ...runPipeline, input_context: { user_idea: "x", budget: 1 } })).toBe("input_context: unrecognized_keys");
    expect(RunPipelineRequest.parse(withIdea("  A CRM  ")).input_context.user_idea).toBe("A CRM");
  });

  it("validates ids as Postgres uuids", () => {
    expect(firstIssue(JobIdParams, { job_id: "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA" })).toBe("accepted");
    expect(firstIssue(JobIdParams, { job_id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa" })).toBe("job_id: invalid_format");
    expect(firstIssue(RunAgentRequest, { ...runAgent, project_id: undefined })).toBe("project_id: invalid_type");
  });

  it("reads limit and offset from a query string with bounds and defaults", () => {
    expect(JobListQuery.parse({})).toEqual({ limit: 20, offset: 0 });
    expect(JobListQuery.parse({ limit: "100", offset: "40" })).toEqual({ limit: 100, offset: 40 });
    expect(JobListQuery.parse({ limit: 1 })).toEqual({ limit: 1, offset: 0 });
    expect(firstIssue(JobListQuery, { limit: "0" })).toBe("limit: too_small");
    expect(firstIssue(JobListQuery, { limit: "101" })).toBe("limit: too_big");
    expect(firstIssue(JobListQuery, { offset: "-1" })).toBe("offset: invalid_type");
    expect(firstIssue(JobListQuery, { limit: "2.5" })).toBe("limit: invalid_type");
    expect(firstIssue(JobListQuery, { limit: "ten" })).toBe("limit: invalid_type");
    expect(firstIssue(JobListQuery, { sort: "asc" })).toBe(": unrecognized_keys");
  });

  it("bounds clarification answers: count, lengths, one answer per question", () => {
    const many = Array.from({ length: MAX_CLARIFICATION_RESPONSES + 1 }, (_, i) => ({ question_id: `q${i}`, answer: "a" }));
    expect(firstIssue(RespondRequest, { responses: many })).toBe("responses: too_big");
    expect(firstIssue(RespondRequest, { responses: [{ question_id: "", answer: "a" }] })).toBe("responses.0.question_id: too_small");
    expect(firstIssue(RespondRequest, { responses: [{ question_id: "q1", answer: "a".repeat(2001) }] })).toBe("responses.0.answer: too_big");
    expect(firstIssue(RespondRequest, { responses: [{ question_id: "q1", answer: "a", note: "" }] })).toBe("responses.0: unrecognized_keys");
    const twice = { responses: [{ question_id: "q1", answer: "a" }, { question_id: "q1", answer: "b" }] };
    expect(firstIssue(RespondRequest, twice)).toBe("responses.1.question_id: custom");
  });

  it("accepts GitHub's repository names and rejects the rest", () => {
    for (const name of ["a", "my.repo_v2-final", "x".repeat(100)]) expect(firstIssue(GitHubExportRequest, { ...exportRequest, repo_name: name })).toBe("accepted");
    expect(firstIssue(GitHubExportRequest, { ...exportRequest, repo_name: "x".repeat(101) })).toBe("repo_name: too_big");
    expect(firstIssue(GitHubExportRequest, { ...exportRequest, repo_name: ".." })).toBe("repo_name: custom");
    expect(firstIssue(GitHubExportRequest, { ...exportRequest, repo_name: "../etc" })).toBe("repo_name: invalid_format");
    expect(firstIssue(GitHubExportRequest, { ...exportRequest, github_token: "short" })).toBe("github_token: invalid_format");
    expect(firstIssue(GitHubExportRequest, { ...exportRequest, github_token: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz" })).toBe("accepted");
  });

  it("accepts job timestamps as PostgREST prints them", () => {
    expect(firstIssue(JobStatusResponse, { ...jobStatus, created_at: "2026-01-15T10:30:00.123456+00:00", completed_at: "2026-01-15T10:31:00Z" })).toBe("accepted");
    expect(firstIssue(JobStatusResponse, { ...jobStatus, created_at: "yesterday" })).toBe("created_at: invalid_format");
    expect(firstIssue(JobStatusResponse, { ...jobStatus, agent_type: "pipeline" })).toBe("accepted");
  });

  it("encodes stream events in SSE format and refuses invalid ones", () => {
    expect(encodeJobStreamEvent({ event: "progress", data: { progress: 45, status: "running" } })).toBe(
      'event: progress\ndata: {"progress":45,"status":"running"}\n\n',
    );
    expect(encodeJobStreamEvent({ event: "complete", data: { result: { text: "a\nb" }, status: "completed" } })).toBe(
      'event: complete\ndata: {"result":{"text":"a\\nb"},"status":"completed"}\n\n',
    );
    const [line1, line2] = encodeJobStreamEvent({ event: "waiting", data: { questions: [{ id: "q1", question: "Payments?" }], status: "waiting_for_input" } }).split("\n");
    expect(decodeJobStreamEvent(line1!.slice("event: ".length), line2!.slice("data: ".length))).toEqual({
      event: "waiting",
      data: { questions: [{ id: "q1", question: "Payments?", options: null }], status: "waiting_for_input" },
    });
    expect(() => decodeJobStreamEvent("progress", '{"progress":50}')).toThrow();
    const wrong = JobStreamEvent.safeParse({ event: "cancelled", data: { status: "failed" } });
    expect(wrong.error?.issues[0]?.path).toEqual(["data", "status"]);
    expect(JobStreamEvent.safeParse({ event: "done", data: {} }).error?.issues[0]?.code).toBe("invalid_union");
  });
});
