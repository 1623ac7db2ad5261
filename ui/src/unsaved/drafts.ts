// Unsaved edits, kept above the app page's tabs: a tab's form is a view of its draft here,
// so switching from Settings to Redirect URIs and back finds the edits where they were.
// A draft exists only while it differs from what was loaded (a feature stores `undefined`
// once its edits are undone or saved), so "has a draft" is "has unsaved work", which the
// tabs mark and the leave guard (LeaveGuard.tsx) asks about before anything drops it.
import { useCallback, useSyncExternalStore } from "react";

/** The parts of an app a person edits and saves separately. */
export type DraftPart = "settings" | "redirect_uris";

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
  const before = drafts.size;
  for (const { app: owner, part } of unsavedParts(app)) drafts.delete(keyOf(owner, part));
  if (drafts.size !== before) changed();
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

/** Whether anything is unsaved anywhere, re-rendering when that changes. */
export function useHasUnsavedWork(): boolean {
  return useSyncExternalStore(subscribe, () => drafts.size > 0);
}
