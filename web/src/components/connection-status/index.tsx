/** @module Whether the live feed is connected: live, connecting, reconnecting or offline. */
import type { LiveStatus } from "../../lib/realtime.ts";

const WORDS = { live: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…", offline: "Offline" } as const;

export function ConnectionStatus({ status }: { status: LiveStatus | "offline" }) {
  const tone = status === "live" ? "badge-success" : status === "connecting" ? "" : "badge-warn";
  return (
    <span className={`badge ${tone}`} role="status" aria-live="polite" title={status === "live" ? "Updates arrive as they happen" : "Updates resume when the connection is back; nothing is lost"}>
      <span aria-hidden="true">{status === "live" ? "●" : "○"}</span>
      {WORDS[status]}
    </span>
  );
}
