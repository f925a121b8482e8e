/** @module Whether the live feed is connected: live, connecting, reconnecting (perhaps following over HTTP meanwhile) or offline. */
import type { LiveStatus } from "../../lib/realtime.ts";

const WORDS = { live: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…", offline: "Offline" } as const;

/** @param viaStream the feed follows the job over the SSE stream while the socket reconnects. */
export function ConnectionStatus({ status, viaStream = false }: { status: LiveStatus | "offline"; viaStream?: boolean }) {
  const tone = status === "live" ? "badge-success" : status === "connecting" ? "" : "badge-warn";
  const following = viaStream && status === "reconnecting";
  return (
    <span
      className={`badge ${tone}`}
      role="status"
      aria-live="polite"
      title={status === "live" ? "Updates arrive as they happen" : following ? "The job's updates arrive over HTTP until the live connection is back" : "Updates resume when the connection is back; nothing is lost"}
    >
      <span aria-hidden="true">{status === "live" ? "●" : "○"}</span>
      {WORDS[status]}
      {following ? <span className="small"> following over HTTP</span> : null}
    </span>
  );
}
