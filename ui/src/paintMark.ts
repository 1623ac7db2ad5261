// The apps list tells the shell once per window that it painted (the start-up benchmark's
// mark, see src-tauri/shell/bench_ready.rs).
import { commands } from "./api/commands";

let reported = false;
/** When this module (part of the main bundle) was evaluated, on the page's clock. */
const scriptStartedAt = performance.now();

/** Reports the first paint of the apps list, after the frame that shows it. */
export function reportFirstPaint(): void {
  if (reported) return;
  reported = true;
  performance.mark("rows-in-dom");
  requestAnimationFrame(() => {
    performance.mark("rows-rendered");
    setTimeout(() => void commands.appsPainted(performance.now(), scriptStartedAt, marks()).catch(() => undefined), 0);
  });
}

/** The page's start-up marks, `name=ms` (for the benchmark's READY line). */
function marks(): string {
  return performance
    .getEntriesByType("mark")
    .map((mark) => `${mark.name}=${mark.startTime.toFixed(0)}`)
    .join(" ");
}

/** For tests: each one starts as a fresh window. */
export function resetPaintMark(): void {
  reported = false;
}
