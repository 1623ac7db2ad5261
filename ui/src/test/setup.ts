// Vitest's setup for every test file: a clean page, IPC mocks, start-up marks, drafts and
// localStorage (dismissed notes, the theme) after each test, and a window-sized box for the virtualized apps list (jsdom has no layout).

import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { resetPaintMark } from "../paintMark";
import { discardDrafts, stopKeepingDrafts } from "../unsaved/drafts";

afterEach(() => {
  cleanup();
  clearMocks();
  resetPaintMark();
  // Unsaved edits live above the screens, in a module: each test starts with none.
  stopKeepingDrafts();
  discardDrafts();
  localStorage.clear();
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
