import { describe, expect, it } from "vitest";
import { GitHubExportForm, IdeaForm, ProfileForm, ProjectForm, respondBody, SignInForm, SignUpForm, validate } from "./forms.ts";

describe("form validation", () => {
  it("asks for an email address and a password to sign in", () => {
    expect(validate(SignInForm, { email: "nope", password: "" }).errors).toEqual({
      email: "Enter an email address such as you@example.com.",
      password: "Enter your password.",
    });
    expect(validate(SignInForm, { email: "a@example.com", password: "x" }).data).toEqual({ email: "a@example.com", password: "x" });
  });

  it("requires 8 to 72 characters of password to sign up, the name optional", () => {
    expect(validate(SignUpForm, { email: "a@example.com", password: "short" }).errors).toEqual({ password: "Use at least 8 characters." });
    expect(validate(SignUpForm, { email: "a@example.com", password: "x".repeat(73) }).errors).toEqual({ password: "Use at most 72 characters." });
    expect(validate(SignUpForm, { email: "a@example.com", password: "long enough", full_name: "  Ada  " }).data).toEqual({ email: "a@example.com", password: "long enough", full_name: "Ada" });
  });

  it("needs a project title and a known mode", () => {
    expect(validate(ProjectForm, { title: "   ", mode: "builder" }).errors).toEqual({ title: "Give the project a title." });
    expect(validate(ProjectForm, { title: "CRM", mode: "teacher" }).errors).toHaveProperty("mode");
    expect(validate(ProjectForm, { title: " CRM ", description: "", mode: "student" }).data).toEqual({ title: "CRM", description: "", mode: "student" });
  });

  it("turns empty profile fields into nulls and checks username and avatar URL", () => {
    expect(validate(ProfileForm, { username: "", full_name: " ", avatar_url: "", skill_level: "" }).data).toEqual({ username: null, full_name: null, avatar_url: null, skill_level: null });
    expect(validate(ProfileForm, { username: "Ada Lovelace", full_name: "", avatar_url: "ftp://x", skill_level: "expert" }).errors).toEqual({
      username: "3–30 lowercase letters, digits or _.",
      avatar_url: "Enter a web address starting with https://.",
      skill_level: expect.any(String),
    });
    expect(validate(ProfileForm, { username: "ada_1815", full_name: "Ada", avatar_url: "https://example.com/a.png", skill_level: "advanced" }).data).toEqual({
      username: "ada_1815",
      full_name: "Ada",
      avatar_url: "https://example.com/a.png",
      skill_level: "advanced",
    });
  });

  it("accepts an idea of 1 to 5000 characters, trimmed", () => {
    expect(validate(IdeaForm, { user_idea: "   " }).errors).toHaveProperty("user_idea");
    expect(validate(IdeaForm, { user_idea: "x".repeat(5001) }).errors).toHaveProperty("user_idea");
    expect(validate(IdeaForm, { user_idea: "  a CRM for dog walkers " }).data).toEqual({ user_idea: "a CRM for dog walkers" });
  });

  it("checks a GitHub repository name and token before sending them", () => {
    expect(validate(GitHubExportForm, { repo_name: "..", github_token: "short" }).errors).toEqual({
      repo_name: "'.' and '..' are not repository names",
      github_token: "not a GitHub token",
    });
    expect(validate(GitHubExportForm, { repo_name: "dog-crm", github_token: "ghp_" + "a".repeat(36) }).errors).toBeNull();
  });
});

describe("respondBody", () => {
  const questions = [
    { id: "audience", question: "Who uses it?", options: ["Just me", "My team"] },
    { id: "notes", question: "Anything else?", options: null },
  ];

  it("wants one of the options where there are some, and words where there are none", () => {
    expect(respondBody(questions, {}).errors).toEqual({ audience: "Choose one of the options.", notes: "Write an answer." });
    expect(respondBody(questions, { audience: "Everyone", notes: "  " }).errors).toEqual({ audience: "Choose one of the options.", notes: "Write an answer." });
  });

  it("builds the respond body in question order, answers trimmed", () => {
    expect(respondBody(questions, { notes: " Dogs ", audience: "My team" }).data).toEqual({
      responses: [
        { question_id: "audience", answer: "My team" },
        { question_id: "notes", answer: "Dogs" },
      ],
    });
  });

  it("refuses answers longer than the API accepts", () => {
    expect(respondBody([questions[1]!], { notes: "x".repeat(2001) }).errors).toHaveProperty("notes");
  });
});
