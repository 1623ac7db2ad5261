import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { discardDrafts, KEEP_DELAY_MS, keepFailuresNow, readDraft, restoreDrafts, stopKeepingDrafts, unsavedParts, whenDraftsSent, writeDraft } from "./drafts";

type Sent = { profile: number; app: string; part: string; body: string | null };

function recordWrites(): Sent[] {
  const sent: Sent[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "draft_keep") throw new Error(`unexpected command ${cmd}`);
    sent.push(args as Sent);
    return null;
  });
  return sent;
}

describe("drafts kept by Rust", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends a part's last change for its profile once the typing pauses", async () => {
    const sent = recordWrites();
    restoreDrafts(1, []);
    writeDraft("shop", "redirect_uris", ["https://a.example/cb"]);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS / 2);
    writeDraft("shop", "redirect_uris", ["https://a.example/cb", "https://b.example/cb"]);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS / 2);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS);
    expect(sent).toEqual([
      { profile: 1, app: "shop", part: "redirect_uris", body: '["https://a.example/cb","https://b.example/cb"]' },
    ]);
  });

  it("sends a discard at once, to the profile it was made in, even when the profile changes next", async () => {
    const sent = recordWrites();
    restoreDrafts(1, []);
    writeDraft("shop", "settings", { form: { name: "Shop" } });
    discardDrafts();
    restoreDrafts(2, []);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 3);
    expect(sent).toEqual([{ profile: 1, app: "shop", part: "settings", body: null }]);
  });

  it("sends a saved (gone) draft at once and never the typing before it", async () => {
    const sent = recordWrites();
    restoreDrafts(1, []);
    writeDraft("shop", "settings", { form: { name: "Shop 2" } });
    writeDraft("shop", "settings", undefined);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 3);
    expect(sent).toEqual([{ profile: 1, app: "shop", part: "settings", body: null }]);
  });

  it("takes in the kept drafts the page has no edit of its own for, without sending them back", async () => {
    const sent = recordWrites();
    restoreDrafts(1, []);
    writeDraft("shop", "settings", { form: { name: "typed just now" } });
    const restored = restoreDrafts(1, [
      { app: "shop", part: "settings", body: { form: { name: "kept earlier" } } },
      { app: "notes", part: "redirect_uris", body: ["https://notes.example/cb"] },
    ]);
    expect(restored).toEqual(["notes"]);
    expect(readDraft("shop", "settings")).toEqual({ form: { name: "typed just now" } });
    expect(readDraft("notes", "redirect_uris")).toEqual(["https://notes.example/cb"]);
    expect(unsavedParts("notes")).toEqual([{ app: "notes", part: "redirect_uris" }]);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 3);
    expect(sent.map((write) => write.app)).toEqual(["shop"]);
  });

  it("says the writes are sent only once Rust has answered the last of them", async () => {
    const sent: string[] = [];
    mockIPC(async (cmd, args) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      sent.push(`${cmd} ${String((args as Sent).body)}`);
      return null;
    });
    restoreDrafts(1, []);
    writeDraft("shop", "redirect_uris", ["https://a.example/cb"]);
    discardDrafts();
    let settled = false;
    void whenDraftsSent().then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(20);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(settled).toBe(true);
    expect(sent).toEqual(["draft_keep null"]);
  });

  it("lists a part whose copy Rust refused, with Rust's reason, until a later write of it lands", async () => {
    const bodies: (string | null)[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "draft_keep") throw new Error(`unexpected command ${cmd}`);
      const body = (args as Sent).body;
      bodies.push(body);
      if (body !== null && body.length > 40) throw { code: "invalid_input", message: "This unsaved edit is too large." };
      return null;
    });
    restoreDrafts(1, []);
    writeDraft("shop", "settings", { form: { name: "A name far too long for the store to keep" } });
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 2);
    expect(keepFailuresNow()).toEqual([{ app: "shop", part: "settings", message: "This unsaved edit is too large." }]);
    // Still unsaved, and still in the window.
    expect(unsavedParts("shop")).toEqual([{ app: "shop", part: "settings" }]);

    writeDraft("shop", "settings", { form: { name: "Short" } });
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 2);
    expect(keepFailuresNow()).toEqual([]);
    expect(bodies).toHaveLength(2);
    stopKeepingDrafts();
    discardDrafts();
  });

  it("no longer lists a refused part once nothing is unsaved there", async () => {
    mockIPC((cmd, args) => {
      if (cmd !== "draft_keep") throw new Error(`unexpected command ${cmd}`);
      if ((args as Sent).body !== null) throw { code: "store", message: "The store could not be written." };
      return null;
    });
    restoreDrafts(1, []);
    writeDraft("shop", "redirect_uris", ["https://a.example/cb"]);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 2);
    expect(keepFailuresNow().map((failure) => failure.message)).toEqual(["The store could not be written."]);
    discardDrafts();
    expect(keepFailuresNow()).toEqual([]);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 2);
    expect(keepFailuresNow()).toEqual([]);

    // The same when the profile has closed meanwhile (nothing is sent then).
    writeDraft("shop", "redirect_uris", ["https://b.example/cb"]);
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 2);
    expect(keepFailuresNow()).toHaveLength(1);
    restoreDrafts(null, []);
    discardDrafts();
    expect(keepFailuresNow()).toEqual([]);
  });

  it("sends nothing while no profile is open", async () => {
    const sent = recordWrites();
    restoreDrafts(null, []);
    writeDraft("shop", "redirect_uris", ["https://a.example/cb"]);
    discardDrafts();
    await vi.advanceTimersByTimeAsync(KEEP_DELAY_MS * 3);
    expect(sent).toEqual([]);
  });
});
