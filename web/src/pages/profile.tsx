/** @module The user's profile: username, full name, avatar and skill level. */
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { TextField } from "../components/field/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { saveProfile, type Profile } from "../data/profiles.ts";
import { useProfile } from "../hooks/use-profile.ts";
import { useSession } from "../hooks/use-session.tsx";
import { ProfileForm, validate } from "../lib/forms.ts";

export function Component() {
  const { user } = useSession();
  const profile = useProfile();
  return (
    <div className="page-narrow">
      <h1>Your profile</h1>
      <p className="muted">Signed in as {user?.email}</p>
      <ErrorMessage error={profile.error} onRetry={profile.reload} />
      {profile.data ? <ProfileEditor key={profile.data.id} profile={profile.data} /> : profile.loading ? <Skeleton lines={5} label="Loading your profile…" /> : null}
    </div>
  );
}

function ProfileEditor({ profile }: { profile: Profile }) {
  const [values, setValues] = useState({
    username: profile.username ?? "",
    full_name: profile.full_name ?? "",
    avatar_url: profile.avatar_url ?? "",
    skill_level: profile.skill_level ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, errors: invalid } = validate(ProfileForm, values);
    setErrors(invalid ?? {});
    setOutcome(null);
    if (!data) return;
    setBusy(true);
    const { error } = await saveProfile(profile.id, data);
    setBusy(false);
    if (error?.code === "conflict") setErrors({ username: error.message });
    setOutcome(error ? { ok: false, message: error.message } : { ok: true, message: "Profile saved." });
  };

  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Profile">
      <TextField label="Username" name="username" hint="3–30 lowercase letters, digits or _." value={values.username} error={errors.username} onChange={(e) => setValues({ ...values, username: e.target.value })} autoComplete="username" />
      <TextField label="Full name" name="full_name" value={values.full_name} error={errors.full_name} onChange={(e) => setValues({ ...values, full_name: e.target.value })} autoComplete="name" />
      <TextField label="Avatar URL" name="avatar_url" type="url" value={values.avatar_url} error={errors.avatar_url} onChange={(e) => setValues({ ...values, avatar_url: e.target.value })} placeholder="https://…" />
      {values.avatar_url && !errors.avatar_url ? <img src={values.avatar_url} alt="Your avatar" width={64} height={64} style={{ borderRadius: "50%", objectFit: "cover" }} /> : null}
      <div className="field">
        <label htmlFor="skill-level">Skill level</label>
        <span className="field-hint" id="skill-level-hint">Student mode pitches its lessons at this level.</span>
        <select id="skill-level" aria-describedby="skill-level-hint" value={values.skill_level} onChange={(e) => setValues({ ...values, skill_level: e.target.value })}>
          <option value="">Not set</option>
          <option value="beginner">Beginner</option>
          <option value="intermediate">Intermediate</option>
          <option value="advanced">Advanced</option>
        </select>
      </div>
      {outcome ? (
        <div className={`alert ${outcome.ok ? "alert-success" : "alert-error"}`} role={outcome.ok ? "status" : "alert"}>
          {outcome.message}
        </div>
      ) : null}
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Saving…" : "Save profile"}
        </button>
      </div>
    </form>
  );
}
