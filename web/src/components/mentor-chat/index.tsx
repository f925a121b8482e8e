/**
 * @module The Socratic mentor of Student mode: the student asks, the pedagogy
 * agent answers with options and trade-offs to pick from, continuing the
 * session's conversation; the session (transcript, minutes, concepts) is kept
 * in `daily_sessions`.
 */
import { useState, type FormEvent } from "react";
import type { ChoiceFramework as Framework, ImplementationOption } from "../../../../shared/protocol/index.ts";
import { runAgent, waitForJob } from "../../data/jobs.ts";
import { createSession, saveSession, type MentorMessage, type MentorSession } from "../../data/sessions.ts";
import { formatDateTime } from "../../lib/format.ts";
import { ChoiceFramework } from "../choice-framework/index.tsx";
import { TextAreaField } from "../field/index.tsx";
import { mentorReply, questionsIn, withChoice } from "./transcript.ts";
import "./styles.css";

const minutesSince = (startedAt: number) => Math.max(1, Math.round((Date.now() - startedAt) / 60_000));

export function MentorChat({ projectId, sessions, onSaved }: { projectId: string; sessions: MentorSession[]; onSaved(): void }) {
  const [session, setSession] = useState<MentorSession | null>(null);
  const [startedAt] = useState(() => Date.now());
  const [question, setQuestion] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [thinking, setThinking] = useState(false);
  // The next question waits for the transcript to be stored: the mentor reads it from there.
  const [saving, setSaving] = useState(false);

  const store = async (next: MentorSession) => {
    setSession(next);
    setSaving(true);
    const saved = await saveSession(next);
    setSaving(false);
    if (saved.error) setError(saved.error.message);
    else onSaved();
  };

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
    // The agent reads the stored transcript (the conversation so far); this question is its topic.
    const started = await runAgent(projectId, "pedagogy", text, { sessionId: current.id });
    const withQuestion: MentorMessage[] = [...current.transcript, { role: "user", content: text }];
    current = { ...current, transcript: withQuestion };
    setSession(current);
    setQuestion("");
    const finished = started.error ? started : await waitForJob(started.data.job_id);
    const framework = !finished.error && finished.data.status === "completed" ? (finished.data.result as Framework) : null;
    const reply: MentorMessage = framework
      ? { role: "mentor", content: mentorReply(framework), framework }
      : { role: "mentor", content: `I could not answer that just now (${finished.error?.message ?? finished.data?.error ?? "the job did not finish"}). Ask again?` };
    const concepts = framework ? [...new Set([...current.concepts_covered, ...framework.options.map((option) => option.title)])] : current.concepts_covered;
    setThinking(false);
    await store({ ...current, transcript: [...withQuestion, reply], concepts_covered: concepts, duration_minutes: minutesSince(startedAt) });
  };

  const choose = (index: number, option: ImplementationOption) => {
    if (!session) return;
    void store({ ...session, transcript: withChoice(session.transcript, index, option), duration_minutes: minutesSince(startedAt) });
  };

  return (
    <section className="card stack" aria-labelledby="mentor-title">
      <h2 id="mentor-title">Mentor</h2>
      <p className="small muted">Ask how to build a part of your app. The mentor lays out the options and their trade-offs, then asks you to choose; it remembers what you said earlier in the session.</p>
      {session?.transcript.length ? (
        <ol className="mentor-transcript" aria-label="Conversation" aria-live="polite" tabIndex={0}>
          {session.transcript.map((message, index) => (
            <li key={index} data-role={message.role}>
              <span className="visually-hidden">{message.role === "user" ? "You:" : "Mentor:"}</span>
              {message.framework ? (
                <>
                  <ChoiceFramework framework={message.framework} chosen={message.chosen} onChoose={(option) => choose(index, option)} busy={thinking || saving} />
                  <p style={{ margin: "0.5rem 0 0" }}>Which would you pick for your app, and why?</p>
                </>
              ) : (
                message.content
              )}
            </li>
          ))}
          {thinking ? <li data-role="mentor" className="muted">Thinking…</li> : null}
        </ol>
      ) : null}
      <form className="stack" onSubmit={(event) => void ask(event)} noValidate>
        <TextAreaField label="Your question" rows={2} value={question} error={error ?? undefined} onChange={(e) => setQuestion(e.target.value)} placeholder="How should I store the walks and who booked them?" />
        <div>
          <button type="submit" className="button button-primary" disabled={thinking || saving}>
            {thinking ? "The mentor is thinking…" : "Ask the mentor"}
          </button>
        </div>
      </form>
      {sessions.length ? (
        <details>
          <summary>Earlier sessions ({sessions.length})</summary>
          <ul className="list small" style={{ marginTop: "0.5rem" }}>
            {sessions.map((past) => (
              <PastSession key={past.id} session={past} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** An earlier session: its date, minutes, questions and concepts; its conversation rendered once opened. */
function PastSession({ session }: { session: MentorSession }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          {formatDateTime(session.created_at)} · {session.duration_minutes} min · {questionsIn(session.transcript)} questions
          {session.concepts_covered.length ? ` · ${session.concepts_covered.join(", ")}` : ""}
        </summary>
        {open ? (
          <ol className="mentor-past" aria-label={`Session of ${formatDateTime(session.created_at)}`}>
            {session.transcript.map((message, index) => (
              <li key={index}>
                <strong>{message.role === "user" ? "You" : "Mentor"}:</strong> {message.content}
              </li>
            ))}
          </ol>
        ) : null}
      </details>
    </li>
  );
}
