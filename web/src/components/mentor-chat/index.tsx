/**
 * @module The Socratic mentor of Student mode: the student asks, the pedagogy
 * agent answers with options and trade-offs and a question back; the session
 * (transcript, minutes, concepts) is kept in `daily_sessions`.
 */
import { useState, type FormEvent } from "react";
import type { ChoiceFramework } from "../../../../shared/protocol/index.ts";
import { runAgent, waitForJob } from "../../data/jobs.ts";
import { createSession, saveSession, type MentorMessage, type MentorSession } from "../../data/sessions.ts";
import { formatDateTime } from "../../lib/format.ts";
import { TextAreaField } from "../field/index.tsx";
import "./styles.css";

/** The agent's choice framework as the mentor's reply, ending with a question for the student. */
export function mentorReply(framework: ChoiceFramework): string {
  const options = framework.options.map(
    (option) => `• ${option.title} (${option.difficulty}) — good: ${option.pros.join("; ")}. Watch out: ${option.cons.join("; ")}.`,
  );
  return [framework.context, ...options, `My hint: ${framework.recommendation}`, "Which would you pick for your app, and why?"].join("\n\n");
}

export function MentorChat({ projectId, sessions, onSaved }: { projectId: string; sessions: MentorSession[]; onSaved(): void }) {
  const [session, setSession] = useState<MentorSession | null>(null);
  const [startedAt] = useState(() => Date.now());
  const [question, setQuestion] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [thinking, setThinking] = useState(false);

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    const text = question.trim();
    if (!text) return setError("Write a question for the mentor.");
    setError(null);
    setThinking(true);
    let current = session;
    if (!current) {
      const created = await createSession(projectId);
      if (created.error) {
        setThinking(false);
        return setError(created.error.message);
      }
      current = created.data;
    }
    const withQuestion: MentorMessage[] = [...current.transcript, { role: "user", content: text }];
    current = { ...current, transcript: withQuestion };
    setSession(current);
    setQuestion("");
    const started = await runAgent(projectId, "pedagogy", text);
    const finished = started.error ? started : await waitForJob(started.data.job_id);
    const framework = !finished.error && finished.data.status === "completed" ? (finished.data.result as ChoiceFramework) : null;
    const reply: MentorMessage = framework
      ? { role: "mentor", content: mentorReply(framework) }
      : { role: "mentor", content: `I could not answer that just now (${finished.error?.message ?? finished.data?.error ?? "the job did not finish"}). Ask again?` };
    const concepts = framework ? [...new Set([...current.concepts_covered, ...framework.options.map((option) => option.title)])] : current.concepts_covered;
    const next = { ...current, transcript: [...withQuestion, reply], concepts_covered: concepts, duration_minutes: Math.max(1, Math.round((Date.now() - startedAt) / 60_000)) };
    setSession(next);
    setThinking(false);
    const saved = await saveSession(next);
    if (saved.error) setError(saved.error.message);
    else onSaved();
  };

  return (
    <section className="card stack" aria-labelledby="mentor-title">
      <h2 id="mentor-title">Mentor</h2>
      <p className="small muted">Ask how to build a part of your app. The mentor lays out the options and their trade-offs, then asks you to choose.</p>
      {session?.transcript.length ? (
        <ol className="mentor-transcript" aria-label="Conversation" aria-live="polite" tabIndex={0}>
          {session.transcript.map((message, index) => (
            <li key={index} data-role={message.role}>
              <span className="visually-hidden">{message.role === "user" ? "You:" : "Mentor:"}</span>
              {message.content}
            </li>
          ))}
          {thinking ? <li data-role="mentor" className="muted">Thinking…</li> : null}
        </ol>
      ) : null}
      <form className="stack" onSubmit={(event) => void ask(event)} noValidate>
        <TextAreaField label="Your question" rows={2} value={question} error={error ?? undefined} onChange={(e) => setQuestion(e.target.value)} placeholder="How should I store the walks and who booked them?" />
        <div>
          <button type="submit" className="button button-primary" disabled={thinking}>
            {thinking ? "The mentor is thinking…" : "Ask the mentor"}
          </button>
        </div>
      </form>
      {sessions.length ? (
        <details>
          <summary>Earlier sessions ({sessions.length})</summary>
          <ul className="list small" style={{ marginTop: "0.5rem" }}>
            {sessions.map((past) => (
              <li key={past.id}>
                {formatDateTime(past.created_at)} · {past.duration_minutes} min · {past.transcript.filter((m) => m.role === "user").length} questions
                {past.concepts_covered.length ? ` · ${past.concepts_covered.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
