// The leave guard as screens reach it: `useLeaveGuard()(scope, proceed)` runs `proceed`
// at once when nothing in `scope` is unsaved, and otherwise asks first (the provider and
// its dialog are in ./LeaveGuard.tsx).
import { createContext, useContext } from "react";

/** `scope`: an app's code name, or `undefined` for every app. */
export type LeaveGuard = (scope: string | undefined, proceed: () => void) => void;

// Without a provider (a screen rendered on its own) nothing is asked.
export const LeaveGuardContext = createContext<LeaveGuard>((_scope, proceed) => proceed());

export function useLeaveGuard(): LeaveGuard {
  return useContext(LeaveGuardContext);
}
