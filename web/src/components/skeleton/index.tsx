/** @module Grey placeholders shown while data loads, announced once to screen readers. */
export function Skeleton({ lines = 3, label = "Loading…" }: { lines?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" className="stack">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: i === 0 ? "1.6rem" : "1rem", width: `${[60, 95, 80, 70, 90][i % 5]}%` }} />
      ))}
    </div>
  );
}
