// The Launch tab: opens the partner's own app as the App Market's "Open app" does, signed
// in as a business's staff member, and shows Rust's verdict on how the app integrates.
// Owns the wiring: the form's choices and their defaults, starting and stopping, and focus
// on the verdict. The launch itself lives in the query cache (./session.ts), so it
// survives switching tabs; the pieces are ./LaunchForm.tsx, ./LaunchRun.tsx,
// ./Verdict.tsx and ./PastLaunches.tsx.
import { useEffect, useRef, useState } from "react";
import { ErrorNotice } from "../../components/ErrorNotice";
import { defaultBusiness, defaultStaff } from "./choices";
import { useBusinesses, useLaunchSession, useLaunches, useStartLaunch, useStopLaunch } from "./hooks";
import { LaunchForm } from "./LaunchForm";
import { LaunchRun } from "./LaunchRun";
import { PastLaunches } from "./PastLaunches";
import { sessionLive } from "./session";
import "./launch.css";

export function LaunchPanel(props: { app: string }) {
  const { app } = props;
  const businesses = useBusinesses();
  const launches = useLaunches(app);
  const session = useLaunchSession(app);
  const start = useStartLaunch();
  const stop = useStopLaunch();

  // The form. `null` means "the default" (worked out from the businesses).
  const [chosenBusiness, setChosenBusiness] = useState<string | null>(null);
  const [chosenStaff, setChosenStaff] = useState<string | null>(null);
  const [probe, setProbe] = useState(true);

  const list = businesses.data;
  const business = list?.find((entry) => entry.uid === chosenBusiness && !entry.blocked) ?? (list ? defaultBusiness(list) : undefined);
  const staff = business?.staff.find((entry) => entry.uid === chosenStaff && entry.unavailable === null) ?? defaultStaff(business);

  const live = sessionLive(session) || start.isPending;
  const blocked =
    list === undefined
      ? null
      : list.length === 0
        ? "This directory has no business to open the app in: create one first."
        : business === undefined
          ? "Every business of this directory is blocked: none can install the app."
          : staff === undefined
            ? `Nobody in ${business.name} can sign in: choose another business.`
            : null;

  // Focus goes to the verdict's heading when a verdict arrives (not when the tab reopens on one).
  const headingRef = useRef<HTMLHeadingElement>(null);
  const phase = session?.phase;
  const seenPhase = useRef(phase);
  useEffect(() => {
    if (phase === "finished" && seenPhase.current !== "finished") headingRef.current?.focus();
    seenPhase.current = phase;
  }, [phase]);

  function launch() {
    if (live || blocked !== null) return;
    stop.reset();
    start.mutate({ app, business_uid: business?.uid ?? null, staff_uid: staff?.uid ?? null, probe });
  }

  return (
    <div className="ln-panel" data-testid="launch-panel">
      <div className="ln-top">
        <section className="card ln-section" aria-labelledby="launch-title">
          <h2 id="launch-title">Launch the app</h2>
          <p className="muted">
            Opens your app as the App Market&apos;s Open app does, signed in as a staff member of a business, and checks how
            your app integrates: state, brand host, redirect URI, the 30-second exchange, userinfo.
          </p>
          <p className="small" data-testid="launch-running-note">
            Your app must be running, and reachable at its landing page (its redirect_uri): the launch checks that it
            answers before opening anything.
          </p>
          <LaunchForm
            businesses={businesses}
            choice={{ business, staffUid: staff?.uid, probe }}
            onBusiness={(uid) => {
              setChosenBusiness(uid);
              setChosenStaff(null);
            }}
            onStaff={setChosenStaff}
            onProbe={setProbe}
            blocked={blocked}
            busy={live}
            launchLabel={
              session?.phase === "starting" || start.isPending
                ? "Preparing the launch…"
                : session?.phase === "running"
                  ? "Launch running…"
                  : "Launch"
            }
            onLaunch={launch}
          />
          {session?.phase === "refused" ? <ErrorNotice error={session.error} context="launch" testId="launch-error" /> : null}
        </section>
        {session && "started" in session ? (
          <LaunchRun
            session={session}
            stop={{
              // Stopped: the window closes and the verdict of what was seen is on its way.
              pending: stop.isPending || (stop.isSuccess && stop.variables === session.started.key),
              error: stop.error,
              onStop: (key) => stop.mutate(key),
            }}
            headingRef={headingRef}
          />
        ) : (
          <section className="card ln-section ln-placeholder">
            <h2>The verdict, check by check</h2>
            <p className="muted">
              Launch: a login window opens where you sign in as the staff member and use your app. When your app&apos;s
              flow ends (or you stop it), each check shows here with what was seen and, when something is wrong, how to
              fix it.
            </p>
          </section>
        )}
      </div>
      <PastLaunches launches={launches} />
    </div>
  );
}
