// A value that follows another once it has stopped changing for `ms`: what the as-you-type
// judgements ask Rust about, so a burst of keystrokes is one question, not ten.
import { useEffect, useState } from "react";

export function useDebounced<T>(value: T, ms: number, same: (a: T, b: T) => boolean = Object.is): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (same(settled, value)) return;
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, settled, ms, same]);
  return settled;
}
