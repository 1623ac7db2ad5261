// The OAuth test tab: the form, the current run (a reducer over the page's actions and the
// shell's `oauth-event`s, see ./runReducer.ts), and the past tests. Owns the wiring: the
// form's values and their defaults, starting and stopping, and the stall timer.
import { useCallback, useEffect, useReducer, useState } from "react";
import type { BrowserChoice, OAuthEvent } from "../../api/bindings";
import { useOverview } from "../../api/overview";
import { useRedirectUris } from "../redirect-uris/hooks";
import { runFailure } from "./failure";
import { useOAuthEvents, useOAuthRuns, useStartOAuth, useStopOAuth } from "./hooks";
import { defaultRedirectUri, isLoopback } from "./form";
import { OAuthForm } from "./OAuthForm";
import { PastTests } from "./PastTests";
import { RunPanel } from "./RunPanel";
import { IDLE, oauthRunReducer, runActive, runStalled } from "./runReducer";
import { asSteps, mergeSteps } from "./steps";
import "./oauth.css";

/** With no news for this long, the login window is probably showing an error page. */
const STALL_MS = 45_000;

/** The OAuth flow tester: starts a test, follows it live, explains how it ended, and lists past tests. */
export function OAuthTester(props: { app: string }) {
  const { app } = props;
  const overview = useOverview();
  const redirects = useRedirectUris(app);
  const history = useOAuthRuns(app);
  const start = useStartOAuth(app);
  const stop = useStopOAuth();

  // The form. `null` means "the default" (worked out from the queries above).
  const [chosenUri, setChosenUri] = useState<string | null>(null);
  const [brandUrl, setBrandUrl] = useState<string | null>(null);
  const [pkce, setPkce] = useState(true);
  const [scope, setScope] = useState("");
  const [browserChoice, setBrowserChoice] = useState<BrowserChoice>("embedded");

  const [state, dispatch] = useReducer(oauthRunReducer, IDLE);
  const onEvent = useCallback((event: OAuthEvent, at: number) => dispatch({ type: "event", event, at }), []);
  const listening = useOAuthEvents(app, onEvent);

  const uris = redirects.data?.uris ?? [];
  const redirectUri = chosenUri ?? defaultRedirectUri(uris);
  const brand = brandUrl ?? overview.data?.current_profile?.brand_url ?? "";
  // The system browser needs a loopback redirect URI; the others work with any.
  const browser: BrowserChoice = browserChoice === "system" && !isLoopback(redirectUri) ? "embedded" : browserChoice;

  const active = runActive(state);
  const { lastActivity } = state;
  useEffect(() => {
    if (!active) return;
    const timer = window.setTimeout(
      () => dispatch({ type: "stalled", at: lastActivity }),
      Math.max(0, lastActivity + STALL_MS - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [active, lastActivity]);

  const runId = state.run?.started.begin.run_id ?? null;
  const known = asSteps(history.data?.find((entry) => entry.run_id === runId)?.timeline);
  const steps = state.completion ? state.completion.timeline : state.run ? mergeSteps(known, state.heard) : [];
  const failure = runFailure(start.error, state);
  const busy = start.isPending || active;
  const ready = listening && redirectUri !== "" && !busy;

  function submit() {
    if (!ready) return;
    dispatch({ type: "start" });
    stop.reset();
    start.mutate(
      {
        begin: {
          app,
          redirect_uri: redirectUri,
          brand_url: brand.trim() === "" ? null : brand.trim(),
          pkce,
          scope: scope.trim() === "" ? null : scope.trim(),
        },
        browser,
      },
      {
        onSuccess: (started) => dispatch({ type: "started", started, at: Date.now() }),
        onError: () => dispatch({ type: "start_failed" }),
      },
    );
  }

  return (
    <div className="oa-tester" data-testid="oauth-tester">
      <div className="oa-top">
        <OAuthForm
          values={{ redirectUri, brand, scope, pkce, browser }}
          set={{
            setRedirectUri: setChosenUri,
            setBrand: setBrandUrl,
            setScope,
            setPkce,
            setBrowser: setBrowserChoice,
          }}
          uris={uris}
          redirects={{
            isPending: redirects.isPending,
            isError: redirects.isError,
            error: redirects.error,
            hasData: redirects.data !== undefined,
            refetch: () => void redirects.refetch(),
          }}
          overview={overview.data}
          busy={busy}
          ready={ready}
          startLabel={start.isPending ? "Checking the authorize page…" : active ? "Test running…" : "Start test"}
          onSubmit={submit}
        />
        {state.run || failure ? (
          <RunPanel
            state={state}
            active={active}
            // A manual test waits on the person copying and pasting, not on the platform's page.
            stalled={runStalled(state) && state.run?.started.browser !== "manual"}
            failure={failure}
            steps={steps}
            stop={{ pending: stop.isPending, error: stop.error, onStop: (id) => stop.mutate(id) }}
          />
        ) : (
          <section className="card oa-section oa-placeholder">
            <h2>Every step, as it happens</h2>
            <p className="muted">
              Start a test: the login window opens on the platform&apos;s own pages, and each step shows here with its
              time, the exchange&apos;s request and answer (secrets redacted), the code&apos;s 30-second countdown and the
              user the token belongs to.
            </p>
          </section>
        )}
      </div>

      <PastTests history={history} />
    </div>
  );
}
