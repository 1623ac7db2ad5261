// Keyboard and focus helpers shared by forms and confirmations: focus the first field
// when a form opens, close on Escape, and put focus back where it was when a
// confirmation closes (Preact's compat layer does not act on `autoFocus` as React does).
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from "react";

/** Focuses the element once, when the component mounts. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/** An onKeyDown handler that calls `close` on Escape (and stops there). */
export function closeOnEscape(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
}

/** Focuses `target` when `open` goes from true to false (a confirmation that replaced it closed). */
export function useFocusWhenClosed(open: boolean, target: RefObject<HTMLElement | null>) {
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) target.current?.focus();
    wasOpen.current = open;
  }, [open, target]);
}

/**
 * For a dialog: on mount, remembers what had focus and focuses the dialog's own `ref`;
 * on unmount, gives focus back to what had it.
 */
export function useDialogFocus<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return ref;
}

/** Scrolls the element into view whenever `trigger` changes to a value (a review appearing, a new step) (a review appearing, a new step). */
export function useScrollIntoView<T extends HTMLElement>(trigger: unknown): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (trigger === null || trigger === undefined || trigger === false) return;
    ref.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [trigger]);
  return ref;
}
