/** @module The route-level error boundary: what went wrong in words, and a way back. */
import { isRouteErrorResponse, Link, useRouteError } from "react-router-dom";
import { isAppError } from "../../lib/errors.ts";
import { routes } from "../../paths.ts";

const TITLES = { not_found: "Not found", forbidden: "Not yours", unauthenticated: "Signed out", network: "Offline", conflict: "Conflict", invalid: "Invalid request", server: "Server error", unknown: "Something went wrong" } as const;

export function RouteError() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "The page could not be shown.";
  if (isAppError(error)) {
    title = TITLES[error.code];
    message = error.message;
  } else if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? "Not found" : `Error ${error.status}`;
    message = error.status === 404 ? "There is nothing at this address." : error.statusText;
  } else if (error instanceof Error) {
    // A chunk that failed to load after a deploy or while offline.
    message = /dynamically imported module|Importing a module script failed/i.test(error.message)
      ? "Part of the app could not be loaded. Check your connection and reload the page."
      : error.message;
  }
  return (
    <div className="page-narrow" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <div className="row">
        <Link className="button button-primary" to={routes.projects()}>
          Back to your projects
        </Link>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    </div>
  );
}
