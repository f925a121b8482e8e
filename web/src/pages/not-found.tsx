/** @module Any address the app does not know. */
import { appError } from "../lib/errors.ts";

export function loader(): never {
  throw appError("not_found", "There is nothing at this address.");
}

export function Component() {
  return null;
}
