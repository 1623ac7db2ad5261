// A modal question with a safe answer and a destructive one ("Keep editing" / "Discard
// changes"). Focus goes to the safe answer when it opens and back to where it was when it
// closes; Escape is the safe answer. Used for unsaved work (unsaved/LeaveGuard.tsx) and
// before a manifest is applied (features/manifest/ImportPanel.tsx).
import type { ReactNode } from "react";
import { closeOnEscape, useDialogFocus } from "../hooks/focus";

export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  keepLabel: string;
  discardLabel: string;
  onKeep: () => void;
  onDiscard: () => void;
  testId?: string;
}) {
  const keep = useDialogFocus<HTMLButtonElement>();
  const testId = props.testId ?? "confirm-dialog";
  return (
    <div className="dialog-backdrop" onKeyDown={closeOnEscape(props.onKeep)}>
      <div
        className="dialog card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
      >
        <h2 id={`${testId}-title`}>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <div className="actions">
          <button type="button" className="danger" onClick={props.onDiscard} data-testid={`${testId}-discard`}>
            {props.discardLabel}
          </button>
          <button type="button" className="primary" ref={keep} onClick={props.onKeep} data-testid={`${testId}-keep`}>
            {props.keepLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
