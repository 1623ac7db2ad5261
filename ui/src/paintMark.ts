// When the apps list was first painted: work that can wait runs after it (onFirstPaint);
// with the start-up benchmark's build flag (__BENCH__, see vite.config.ts) the page also
// keeps its marks and tells the shell, which prints READY (src-tauri/shell/bench_ready.rs).
import { commands } from "./api/commands";

let reported = false;
let painted = false;
const afterPaint = new Set<() => void>();
/** When this module (part of the main bundle) was evaluated, on the page's clock. */
const scriptStartedAt = performance.now();

/**
 * Reports the first paint of the apps list, after the frame that shows it: called as the
 * rows reach the DOM, it waits for the next animation frame, and then for that frame to be
 * drawn (a task queued from requestAnimationFrame runs after the frame's rendering).
 */
export function reportFirstPaint(): void {
  if (reported) return;
  reported = true;
  markOnce("rows-in-dom");
  requestAnimationFrame(() => {
    markOnce("rows-rendered");
    setTimeout(() => {
      if (__BENCH__) void commands.appsPainted(performance.now(), scriptStartedAt, marks()).catch(() => undefined);
      painted = true;
      for (const callback of afterPaint) callback();
      afterPaint.clear();
    }, 0);
  });
}

/**
 * Runs `callback` once the apps list has been painted (at once if it has been). Work that
 * can wait, such as asking the platform for a fresh list, then does not compete with the
 * first paint for the CPU. Returns an unsubscribe function.
 */
export function onFirstPaint(callback: () => void): () => void {
  if (painted) {
    callback();
    return () => undefined;
  }
  afterPaint.add(callback);
  return () => afterPaint.delete(callback);
}

export function firstPaintDone(): boolean {
  return painted;
}

/** The page's start-up marks, `name=ms` (for the benchmark's READY line). */
function marks(): string {
  return performance
    .getEntriesByType("mark")
    .map((mark) => `${mark.name}=${mark.startTime.toFixed(0)}`)
    .join(" ");
}

const marked = new Set<string>();
/** A start-up mark on the page's clock, the first time only (for the READY line). */
export function markOnce(name: string): void {
  if (!__BENCH__ || marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}

/** For tests: each one starts as a fresh window. */
export function resetPaintMark(): void {
  reported = false;
  painted = false;
  marked.clear();
  afterPaint.clear();
}
