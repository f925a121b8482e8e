/** @module The project's recent orders with live progress (completed, failed of expanded) and cancel. */
import { cancelOrder, type Order } from "../../data/studio.ts";

const TONE: Record<string, string> = { fulfilled: "badge-success", failed: "badge-danger", cancelled: "badge-warn", processing: "badge-accent" };
const prompts = (order: Order) => {
  const prompt = order.base_parameter_set.prompt;
  return Array.isArray(prompt) ? prompt.join(" · ") : String(prompt ?? "");
};

export function StudioOrders({ orders, onChanged }: { orders: Order[]; onChanged(): void }) {
  if (!orders.length) return <p className="muted">No orders yet: fill in the form to make your first batch.</p>;
  return (
    <ul className="studio-orders" aria-label="Orders">
      {orders.map((order) => {
        const done = order.completed_count + order.failed_count;
        return (
          <li key={order.id} className="card studio-order" data-order-status={order.status}>
            <div className="studio-order-head">
              <span className={`badge ${TONE[order.status] ?? ""}`}>{order.status}</span>
              <span className="small">{order.provider}/{order.model}</span>
              {order.status === "pending" || order.status === "processing" ? (
                <button type="button" className="button" onClick={() => void cancelOrder(order.id).then(onChanged)}>Cancel</button>
              ) : null}
            </div>
            <p className="small studio-order-prompt">{prompts(order)}</p>
            <progress max={order.expanded_count} value={done} aria-label={`Order progress: ${done} of ${order.expanded_count}`} />
            <p className="small muted" data-testid="order-progress">
              {order.completed_count} of {order.expanded_count} done{order.failed_count ? `, ${order.failed_count} failed` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
