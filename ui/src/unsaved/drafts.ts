// Unsaved edits, kept above the app page's tabs: a tab's form is a view of its draft here,
// so switching from Settings to Redirect URIs and back finds the edits where they were.
// A draft exists only while it differs from what was loaded (a feature stores `undefined`
// once its edits are undone or saved), so "has a draft" is "has unsaved work", which the
// tabs mark and the leave guard (LeaveGuard.tsx) asks about before anything drops it.
//
// Each change is also sent to Rust (`draft_keep`, a moment after the typing stops), which
// keeps it in the encrypted store until it is saved or discarded: a page whose web process
// dies, or a console that is killed, finds the edits again when it starts
// (`restoreDrafts`). A write names the profile (its id) the draft was made in, so a
// discard sent just before a profile switch lands where it belongs. A write Rust refuses
// (an edit over the size it keeps, a store error) is listed with its reason
// (`useKeepFailures`) until a later write of that part lands or the part has nothing unsaved.
import { useCallback, useSyncExternalStore } from "react";
import type { DraftPart, DraftView, ProfileId } from "../api/bindings";
import { asConsoleError, commands } from "../api/commands";

export type { DraftPart };

export const DRAFT_PART_LABEL: Record<DraftPart, string> = {
  settings: "Settings",
  redirect_uris: "Redirect URIs",
};

const drafts = new Map<string, unknown>();
const listeners = new Set<() => void>();
/** Bumped on every change: the snapshot the hooks below compare. */
let version = 0;

const keyOf = (app: string, part: DraftPart) => `${app}\u0000${part}`;

function changed() {
  version += 1;
  for (const listener of listeners) listener();
}

/** How long typing pauses before a draft is sent to Rust. */
export const KEEP_DELAY_MS = 400;
/** The profile the drafts in memory belong to; none: nothing is sent (no store open). */
let keptFor: ProfileId | null = null;
/** Writes not sent yet, by draft key: the profile and value as they were at the change. */
const unsent = new Map<string, { profile: ProfileId; value: unknown; timer: ReturnType<typeof setTimeout> }>();

/** The writes sent, one after another: Rust must see a part's changes in their order. */
let sending: Promise<unknown> = Promise.resolve();
/** Why the last write of a draft with unsaved work failed, by draft key. */
const keepFailures = new Map<string, string>();

/** Sends a change after the typing pause; a draft gone (saved, undone, discarded) at once. */
function keep(key: string, value: unknown) {
  // Nothing unsaved left in that part: there is no edit whose copy could be missing.
  if (value === undefined && keepFailures.delete(key)) changed();
  if (keptFor === null) return;
  const before = unsent.get(key);
  if (before) clearTimeout(before.timer);
  const timer = setTimeout(() => send(key), KEEP_DELAY_MS);
  unsent.set(key, { profile: keptFor, value, timer });
  if (value === undefined) send(key);
}

function send(key: string) {
  const write = unsent.get(key);
  if (!write) return;
  unsent.delete(key);
  clearTimeout(write.timer);
  const [app = "", part] = key.split("\u0000");
  const body = write.value === undefined ? null : JSON.stringify(write.value);
  // A failed write leaves the edit in the window, as unsaved as before; only its copy for
  // a crash is missing (the notice says so), and the next change sends it again.
  sending = sending
    .then(() => commands.draftKeep(write.profile, app, part as DraftPart, body))
    .then(
      () => {
        if (keepFailures.delete(key)) changed();
      },
      (error: unknown) => {
        if (write.value === undefined || !drafts.has(key)) return;
        keepFailures.set(key, asConsoleError(error).message);
        changed();
      },
    )
    // The chain never rejects: the close path waits on it (`whenDraftsSent`).
    .catch(() => undefined);
}

/** Settles once every change sent so far has been answered (before the window closes). */
export function whenDraftsSent(): Promise<unknown> {
  return sending;
}

/**
 * The drafts kept for `profile` (`drafts_list`), taken into memory where the page has none
 * of its own for that part, and from now on every change is sent for `profile`. `null`
 * (no store open, no profile) stops sending. Answers the apps whose edits came back.
 */
export function restoreDrafts(profile: ProfileId | null, kept: DraftView[]): string[] {
  keptFor = profile;
  if (profile === null) return [];
  const restored = new Set<string>();
  // A page without the shell (a plain browser) gets no list.
  for (const draft of Array.isArray(kept) ? kept : []) {
    const key = keyOf(draft.app, draft.part);
    if (drafts.has(key) || unsent.has(key)) continue;
    drafts.set(key, draft.body);
    restored.add(draft.app);
  }
  if (restored.size > 0) changed();
  return [...restored];
}

/** Forgets the profile, every unsent write and every failure, without sending (tests). */
export function stopKeepingDrafts() {
  for (const write of unsent.values()) clearTimeout(write.timer);
  unsent.clear();
  keepFailures.clear();
  keptFor = null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => version;

export function readDraft<T>(app: string, part: DraftPart): T | undefined {
  return drafts.get(keyOf(app, part)) as T | undefined;
}

/** Stores a part's draft; `undefined` forgets it (nothing unsaved there). */
export function writeDraft<T>(app: string, part: DraftPart, value: T | undefined) {
  const key = keyOf(app, part);
  if (value === undefined) {
    if (!drafts.has(key)) return;
    drafts.delete(key);
  } else {
    drafts.set(key, value);
  }
  keep(key, value);
  changed();
}

/** The parts of `app` with unsaved work, or of any app when none is given. */
export function unsavedParts(app?: string): { app: string; part: DraftPart }[] {
  return [...drafts.keys()]
    .map((key) => {
      const [owner = "", part] = key.split("\u0000");
      return { app: owner, part: part as DraftPart };
    })
    .filter((entry) => app === undefined || entry.app === app);
}

/** Drops the drafts of `app`, or every draft. */
export function discardDrafts(app?: string) {
  const gone = unsavedParts(app).map(({ app: owner, part }) => keyOf(owner, part));
  for (const key of gone) {
    drafts.delete(key);
    keep(key, undefined);
  }
  if (gone.length > 0) changed();
}

/** A part's draft and its setter, re-rendering when it changes. */
export function useDraft<T>(app: string, part: DraftPart): [T | undefined, (value: T | undefined) => void] {
  useSyncExternalStore(subscribe, snapshot);
  const set = useCallback((value: T | undefined) => writeDraft(app, part, value), [app, part]);
  return [readDraft<T>(app, part), set];
}

/** The parts with unsaved work (of `app`, or of any app), re-rendering when they change. */
export function useUnsavedParts(app?: string): DraftPart[] {
  useSyncExternalStore(subscribe, snapshot);
  return unsavedParts(app).map((entry) => entry.part);
}

/** The unsaved parts whose copy in the store failed, with why. */
export function keepFailuresNow(): { app: string; part: DraftPart; message: string }[] {
  return [...keepFailures].map(([key, message]) => {
    const [app = "", part] = key.split("\u0000");
    return { app, part: part as DraftPart, message };
  });
}

/** `keepFailuresNow`, re-rendering when it changes. */
export function useKeepFailures(): { app: string; part: DraftPart; message: string }[] {
  useSyncExternalStore(subscribe, snapshot);
  return keepFailuresNow();
}

/** Whether anything is unsaved anywhere, re-rendering when that changes. */
export function useHasUnsavedWork(): boolean {
  return useSyncExternalStore(subscribe, () => drafts.size > 0);
}
