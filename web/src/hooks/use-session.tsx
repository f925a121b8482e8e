/** @module The signed-in session, shared through context and kept current by supabase-js's auth events. */
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { Session, User } from "@supabase/supabase-js";
import { supabase } from "../lib/supabase.ts";

interface SessionState {
  session: Session | null;
  user: User | null;
  /** True until the stored session has been read. */
  loading: boolean;
}

const SessionContext = createContext<SessionState>({ session: null, user: null, loading: true });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ session: null, user: null, loading: true });
  useEffect(() => {
    const client = supabase();
    let live = true;
    void client.auth.getSession().then(({ data }) => live && setState({ session: data.session, user: data.session?.user ?? null, loading: false }));
    const { data } = client.auth.onAuthStateChange((_event, session) => setState({ session, user: session?.user ?? null, loading: false }));
    return () => {
      live = false;
      data.subscription.unsubscribe();
    };
  }, []);
  return <SessionContext value={state}>{children}</SessionContext>;
}

/** The current session and user (null when signed out). */
export function useSession(): SessionState {
  return useContext(SessionContext);
}
