// Asks before unsaved work is dropped: leaving an app with drafts, switching profile, or
// closing the window shows "Keep editing / Discard changes" instead of losing the edits
// silently. Screens call `useLeaveGuard()(scope, proceed)` (./guard.ts); with nothing
// unsaved in the scope, `proceed` runs at once.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { commands } from "../api/commands";
import { onCloseRequested } from "../api/windowEvents";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { DRAFT_PART_LABEL, discardDrafts, unsavedParts, useHasUnsavedWork, whenDraftsSent } from "./drafts";
import { LeaveGuardContext, type LeaveGuard } from "./guard";

type Pending = { scope: string | undefined; proceed: () => void; closing: boolean };

export function LeaveGuardProvider(props: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const guard = useCallback<LeaveGuard>((scope, proceed) => {
    if (unsavedParts(scope).length === 0) proceed();
    else setPending({ scope, proceed, closing: false });
  }, []);
  const askBeforeClosing = useCallback((close: () => void) => setPending({ scope: undefined, proceed: close, closing: true }), []);
  useCloseGuard(askBeforeClosing);

  const parts = pending ? unsavedParts(pending.scope) : [];
  return (
    <LeaveGuardContext.Provider value={guard}>
      {props.children}
      {pending ? (
        <ConfirmDialog
          title={pending.closing ? "Close without saving?" : "Leave without saving?"}
          keepLabel="Keep editing"
          discardLabel={pending.closing ? "Discard and close" : "Discard changes"}
          testId="unsaved-dialog"
          onKeep={() => setPending(null)}
          onDiscard={() => {
            discardDrafts(pending.scope);
            setPending(null);
            pending.proceed();
          }}
        >
          <p>These changes are not saved yet:</p>
          <ul data-testid="unsaved-list">
            {parts.map(({ app, part }) => (
              <li key={`${app}-${part}`}>
                <span className="mono">{app}</span>: {DRAFT_PART_LABEL[part]}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </LeaveGuardContext.Provider>
  );
}

/**
 * While something is unsaved, the window's close button asks first. The listener exists
 * only then: with none, the shell closes the window as usual. After "Discard", the shell
 * closes it (`main_window_close`) once the discard has reached the store.
 */
function useCloseGuard(ask: (close: () => void) => void) {
  const unsaved = useHasUnsavedWork();
  useEffect(() => {
    if (!unsaved) return;
    let stop: (() => void) | null = null;
    let dropped = false;
    // The discard is sent to Rust before the window goes: a console that quit first would
    // bring the discarded edits back at its next start.
    onCloseRequested(() => ask(() => void whenDraftsSent().then(() => commands.mainWindowClose().catch(() => undefined))))
      .then((unlisten) => {
        if (dropped) unlisten();
        else stop = unlisten;
      })
      // Not in the desktop shell (tests, a plain browser): nothing to guard.
      .catch(() => undefined);
    return () => {
      dropped = true;
      stop?.();
    };
  }, [unsaved, ask]);
}
