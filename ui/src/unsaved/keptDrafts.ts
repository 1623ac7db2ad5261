// Unsaved edits that outlived their page: when a profile is open, the drafts Rust kept for
// it come back into memory (drafts.ts, `restoreDrafts`), and from then on each change is
// sent for that profile. KeptDraftsNotice.tsx says which apps have them.
import { useEffect, useState } from "react";
import type { ProfileId } from "../api/bindings";
import { asConsoleError, commands } from "../api/commands";
import { restoreDrafts } from "./drafts";

/** Takes in the drafts kept for `profile` (none open: `null`); answers why that failed. */
export function useKeptDrafts(profile: ProfileId | null): string | null {
  const [failure, setFailure] = useState<{ profile: ProfileId; message: string } | null>(null);
  useEffect(() => {
    restoreDrafts(profile, []);
    if (profile === null) return;
    let current = true;
    commands
      .draftsList(profile)
      .then((kept) => {
        if (current) restoreDrafts(profile, kept);
      })
      .catch((error: unknown) => {
        if (current) setFailure({ profile, message: asConsoleError(error).message });
      });
    return () => {
      current = false;
    };
  }, [profile]);
  return failure !== null && failure.profile === profile ? failure.message : null;
}
