/** @module The frame of every page: a header with the app's name, navigation, sign-out and the theme switch, and the page below. */
import { Link, NavLink, Outlet, useNavigate, useNavigation } from "react-router-dom";
import { useSession } from "../../hooks/use-session.tsx";
import { supabase } from "../../lib/supabase.ts";
import { routes } from "../../paths.ts";
import { NotificationBell } from "../notification-bell/index.tsx";
import { ThemeSwitch } from "../theme-switch/index.tsx";
import "./styles.css";

export function AppShell() {
  const { user } = useSession();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const signOut = async () => {
    await supabase().auth.signOut();
    navigate(routes.signIn());
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to={routes.home()} className="app-brand" aria-label="CodeForge home">
          <svg aria-hidden="true" viewBox="0 0 32 32" width="26" height="26">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path d="M10 11l-5 5 5 5M22 11l5 5-5 5M18 8l-4 16" stroke="var(--surface)" strokeWidth="2.5" fill="none" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>CodeForge</span>
        </Link>
        <div className="app-header-end">
          {user ? (
            <nav aria-label="Main" className="app-nav">
              <NavLink to={routes.projects()}>Projects</NavLink>
              <NavLink to={routes.chat()}>Chat</NavLink>
              <NavLink to={routes.profile()}>Profile</NavLink>
              <NavLink to={routes.settings()}>Settings</NavLink>
              <NotificationBell userId={user.id} />
              <button type="button" className="button button-small" onClick={() => void signOut()}>
                Sign out
              </button>
            </nav>
          ) : null}
          <ThemeSwitch />
        </div>
      </header>
      <div className="app-progress" data-active={navigation.state !== "idle"} aria-hidden="true" />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
