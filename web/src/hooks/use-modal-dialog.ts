/** @module A native <dialog> shown as a modal while `open` (focus trapped, Escape cancels), closed otherwise. */
import { useEffect, useRef } from "react";

/** @example const ref = useModalDialog(open); return <dialog ref={ref}>…</dialog>; */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
