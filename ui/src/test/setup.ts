import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { resetPaintMark } from "../paintMark";

afterEach(() => {
  cleanup();
  clearMocks();
  resetPaintMark();
});

// jsdom has no layout: give the virtualized list's scroller a window-sized box, so the
// virtualizer renders the rows that would be in view (and only those).
for (const [property, size] of [
  ["clientHeight", 600],
  ["clientWidth", 900],
] as const) {
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains("vscroll") ? size : 0;
    },
  });
}
