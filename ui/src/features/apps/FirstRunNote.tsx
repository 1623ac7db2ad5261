// A first run's note above the apps, in plain words: what the Sandbox is, and where the
// real platform goes, with a link to Profiles and "Got it" (when it shows: ./firstRun.ts).
import { useState } from "react";
import type { Navigate } from "../../route";
import { dismissFirstRunNote } from "./firstRun";

export function FirstRunNote(props: { navigate: Navigate }) {
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  return (
    <aside className="banner ok first-run" aria-label="About the Sandbox" data-testid="first-run-note">
      <div>
        <p>
          You are on the Sandbox: a copy of the platform running on this computer, with demo apps and test logins, where
          nothing you do reaches real customers. When you are ready, add your real platform under{" "}
          <button type="button" className="link-button" onClick={() => props.navigate({ view: "profiles" })} data-testid="first-run-profiles">
            Profiles
          </button>{" "}
          with your directory API token.
        </p>
      </div>
      <button
        type="button"
        onClick={() => {
          dismissFirstRunNote();
          setHidden(true);
        }}
        data-testid="first-run-dismiss"
      >
        Got it
      </button>
    </aside>
  );
}
