// Says which apps have unsaved edits that are not on screen, with a way to open each: the
// edits an earlier page left (a page whose web process died, a console that was killed),
// which `useKeptDrafts` (./keptDrafts.ts) took back. The app on screen is left out: its
// tabs mark their own. It also says which edits the store could not keep (a crash would
// lose them), the app on screen included: nothing else shows that.
import type { Navigate } from "../route";
import { DRAFT_PART_LABEL, useKeepFailures, useUnsavedParts, unsavedParts, type DraftPart } from "./drafts";

export function KeptDraftsNotice(props: { onScreen: string | null; failure: string | null; navigate: Navigate }) {
  useUnsavedParts();
  const notKept = useKeepFailures();
  const byApp = new Map<string, DraftPart[]>();
  for (const { app, part } of unsavedParts()) {
    if (app !== props.onScreen) byApp.set(app, [...(byApp.get(app) ?? []), part]);
  }
  if (byApp.size === 0 && props.failure === null && notKept.length === 0) return null;
  return (
    <div className="banner warn kept-drafts" role="status" data-testid="kept-drafts">
      {props.failure !== null ? <p>Unsaved edits from before could not be read back: {props.failure}</p> : null}
      {notKept.map(({ app, part, message }) => (
        <p key={`${app} ${part}`} data-testid={`draft-not-kept-${app}-${part}`}>
          The unsaved edits to <span className="mono">{app}</span> ({DRAFT_PART_LABEL[part]}) are not kept for a crash: {message} They
          stay in this window until you save or discard them.
        </p>
      ))}
      {[...byApp].map(([app, parts]) => (
        <p key={app}>
          <span className="mono">{app}</span> has unsaved edits ({parts.map((part) => DRAFT_PART_LABEL[part]).join(", ")}).{" "}
          <button
            type="button"
            className="link-button"
            data-testid={`kept-drafts-open-${app}`}
            onClick={() => props.navigate({ view: "app", app, tab: parts.includes("settings") ? "settings" : "redirect_uris" })}
          >
            Open {app} to save or discard them
          </button>
        </p>
      ))}
    </div>
  );
}
