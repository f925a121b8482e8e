/** @module Previous / next links for a paged list, with "page N of M". */
import { Link } from "react-router-dom";

export function Pagination({ page, pageCount, href, label }: { page: number; pageCount: number; href(page: number): string; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link className="button button-small" to={href(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="button button-small" aria-disabled="true">← Previous</span>
      )}
      <span className="small muted">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="button button-small" to={href(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="button button-small" aria-disabled="true">Next →</span>
      )}
    </nav>
  );
}
