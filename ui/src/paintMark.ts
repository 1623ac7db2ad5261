// The apps list tells the shell once per window that it painted (the start-up benchmark's
// mark, see src-tauri/shell/bench_ready.rs).
import { commands } from "./api/commands";

let reported = false;

/** Reports the first paint of the apps list, after the frame that shows it. */
export function reportFirstPaint(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() => {
    setTimeout(() => void commands.appsPainted().catch(() => undefined), 0);
  });
}

/** For tests: each one starts as a fresh window. */
export function resetPaintMark(): void {
  reported = false;
}
