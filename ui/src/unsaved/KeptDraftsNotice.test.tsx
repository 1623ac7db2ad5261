import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { discardDrafts, KEEP_DELAY_MS, restoreDrafts, stopKeepingDrafts, writeDraft } from "./drafts";
import { KeptDraftsNotice } from "./KeptDraftsNotice";

describe("the kept-edits notice", () => {
  afterEach(() => {
    stopKeepingDrafts();
    discardDrafts();
    vi.useRealTimers();
  });

  it("says which edits the store could not keep, the app on screen included, and why", async () => {
    vi.useFakeTimers();
    mockIPC((cmd) => {
      if (cmd !== "draft_keep") throw new Error(`unexpected command ${cmd}`);
      throw { code: "invalid_input", message: "This unsaved edit is 300 KiB, more than the 256 KiB the console keeps." };
    });
    restoreDrafts(1, []);
    render(<KeptDraftsNotice onScreen="shop" failure={null} navigate={() => undefined} />);
    expect(screen.queryByTestId("kept-drafts")).toBeNull();

    act(() => writeDraft("shop", "settings", { form: { name: "x".repeat(10) } }));
    await act(() => vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 2));
    const line = screen.getByTestId("draft-not-kept-shop-settings");
    expect(line.textContent).toBe(
      "The unsaved edits to shop (Settings) are not kept for a crash: This unsaved edit is 300 KiB, more than the 256 KiB the console keeps. They stay in this window until you save or discard them.",
    );
    // The app on screen has no "has unsaved edits" line: its tabs say that.
    expect(screen.getByTestId("kept-drafts").textContent).not.toContain("has unsaved edits");

    act(() => discardDrafts("shop"));
    expect(screen.queryByTestId("kept-drafts")).toBeNull();
  });
});
