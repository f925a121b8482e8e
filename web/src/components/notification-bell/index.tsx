/** @module The header's notifications: an unread count that updates live, and a panel listing the latest with "mark all read". */
import { useState } from "react";
import { Link } from "react-router-dom";
import { describeNotification, type Notification } from "../../data/notifications.ts";
import { useNotifications } from "../../hooks/use-notifications.ts";
import { formatRelative } from "../../lib/format.ts";
import { routes } from "../../paths.ts";
import "./styles.css";

const linkOf = (n: Notification) =>
  !n.payload.project_id ? null : n.payload.file_path ? routes.projectFiles(n.payload.project_id, n.payload.file_path) : routes.project(n.payload.project_id, n.payload.job_id);

export function NotificationBell({ userId }: { userId: string }) {
  const notifications = useNotifications(userId);
  const [open, setOpen] = useState(false);
  const unread = notifications.data?.unread ?? 0;
  return (
    <div className="notification-bell">
      <button type="button" className="button button-small" aria-expanded={open} aria-controls="notification-panel" onClick={() => setOpen(!open)}>
        Notifications{" "}
        <span className={`badge ${unread ? "badge-accent" : ""}`} data-testid="unread-count" aria-label={`${unread} unread`}>
          {unread}
        </span>
      </button>
      {open ? (
        <div id="notification-panel" className="notification-panel card" role="region" aria-label="Notifications">
          <div className="row" style={{ justifyContent: "space-between" }}>
            <strong>Notifications</strong>
            <button type="button" className="button button-small" disabled={!unread} onClick={() => void notifications.markRead()}>
              Mark all read
            </button>
          </div>
          {notifications.data?.items.length ? (
            <ul className="notification-list">
              {notifications.data.items.map((n) => {
                const to = linkOf(n);
                const text = describeNotification(n);
                return (
                  <li key={n.id} data-unread={n.read_at === null}>
                    {to ? (
                      <Link to={to} onClick={() => { setOpen(false); if (!n.read_at) void notifications.markRead([n.id]); }}>
                        {text}
                      </Link>
                    ) : (
                      text
                    )}
                    <span className="small muted"> · {formatRelative(n.created_at)}</span>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="small muted">Nothing yet: finished jobs and new comments show up here.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
