/** @module The heading of a listed section: its title with the count, and a Refresh button. */

export interface ListHeaderProps {
  /** The heading's id, for the section's aria-labelledby. */
  id: string;
  title: string;
  count: number;
  onRefresh(): void;
}

export function ListHeader({ id, title, count, onRefresh }: ListHeaderProps) {
  return (
    <div className="row" style={{ justifyContent: "space-between" }}>
      <h2 id={id} style={{ margin: 0 }}>
        {title} <span className="muted small">({count})</span>
      </h2>
      <button type="button" className="button button-small" onClick={onRefresh}>
        Refresh
      </button>
    </div>
  );
}
