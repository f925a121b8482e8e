/** @module Sign in with email and password; back to where the visitor was going. */
import { useState } from "react";
import { Link, redirect, useNavigate, useSearchParams } from "react-router-dom";
import { TextField } from "../components/field/index.tsx";
import { FormFailure } from "../components/form-failure/index.tsx";
import { useFormSubmit } from "../hooks/use-form-submit.ts";
import { SignInForm, validate } from "../lib/forms.ts";
import { supabase } from "../lib/supabase.ts";
import { routes } from "../paths.ts";

/** Only paths inside the app, never another origin. */
export const safeNext = (next: string | null) => (next && next.startsWith("/") && !next.startsWith("//") ? next : routes.projects());

export async function loader({ request }: { request: Request }) {
  const { data } = await supabase().auth.getSession();
  if (data.session) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export function Component() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [values, setValues] = useState({ email: "", password: "" });
  const { errors, failure, busy, submit } = useFormSubmit(
    () => validate(SignInForm, values),
    async (data) => {
      const { error } = await supabase().auth.signInWithPassword(data);
      if (error) return error.message === "Invalid login credentials" ? "That email and password do not match an account." : error.message;
      navigate(safeNext(params.get("next")), { replace: true });
      return null;
    },
  );
  return (
    <div className="page-narrow">
      <h1>Sign in</h1>
      <p className="muted">Turn an idea into a working app, and watch every step.</p>
      <form className="card stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Sign in">
        <TextField label="Email" name="email" type="email" autoComplete="email" value={values.email} error={errors.email} onChange={(e) => setValues({ ...values, email: e.target.value })} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" value={values.password} error={errors.password} onChange={(e) => setValues({ ...values, password: e.target.value })} />
        <FormFailure message={failure} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p style={{ marginTop: "1rem" }}>
        New here? <Link to={routes.signUp(params.get("next") ?? undefined)}>Create an account</Link>
      </p>
    </div>
  );
}
