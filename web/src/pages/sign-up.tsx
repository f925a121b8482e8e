/** @module Create an account; signed in at once where the project does not ask for email confirmation. */
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { TextField } from "../components/field/index.tsx";
import { FormFailure } from "../components/form-failure/index.tsx";
import { useFormSubmit } from "../hooks/use-form-submit.ts";
import { SignUpForm, validate } from "../lib/forms.ts";
import { supabase } from "../lib/supabase.ts";
import { routes } from "../paths.ts";
import { loader, safeNext } from "./sign-in.tsx";

export { loader };

export function Component() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [values, setValues] = useState({ email: "", password: "", full_name: "" });
  const [confirm, setConfirm] = useState(false);
  const { errors, failure, busy, submit } = useFormSubmit(
    () => validate(SignUpForm, values),
    async (data) => {
      const { data: result, error } = await supabase().auth.signUp({
        email: data.email,
        password: data.password,
        options: { data: data.full_name ? { full_name: data.full_name } : {} },
      });
      if (error) return /already/i.test(error.message) ? "An account with this email exists already. Sign in instead." : error.message;
      if (!result.session) setConfirm(true);
      else navigate(safeNext(params.get("next")), { replace: true });
      return null;
    },
  );
  if (confirm) {
    return (
      <div className="page-narrow" role="status">
        <h1>Check your email</h1>
        <p>We sent a confirmation link to {values.email}. Open it, then sign in.</p>
        <Link to={routes.signIn()}>Go to sign in</Link>
      </div>
    );
  }
  return (
    <div className="page-narrow">
      <h1>Create your account</h1>
      <form className="card stack" onSubmit={(event) => void submit(event)} noValidate aria-label="Create your account">
        <TextField label="Full name" name="full_name" autoComplete="name" hint="Optional" value={values.full_name} error={errors.full_name} onChange={(e) => setValues({ ...values, full_name: e.target.value })} />
        <TextField label="Email" name="email" type="email" autoComplete="email" value={values.email} error={errors.email} onChange={(e) => setValues({ ...values, email: e.target.value })} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          value={values.password}
          error={errors.password}
          onChange={(e) => setValues({ ...values, password: e.target.value })}
        />
        <FormFailure message={failure} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </form>
      <p style={{ marginTop: "1rem" }}>
        Have an account? <Link to={routes.signIn(params.get("next") ?? undefined)}>Sign in</Link>
      </p>
    </div>
  );
}
