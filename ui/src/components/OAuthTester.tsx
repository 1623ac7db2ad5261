import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { asConsoleError, commands, ConsoleError } from "../api/commands";
import { onOAuthEvent } from "../api/oauthEvents";
import type {
  BrowserChoice,
  OAuthCompletion,
  OAuthEvent,
  OAuthRunView,
  OAuthStarted,
  RedirectUriEntry,
  StepKind,
  TimelineStep,
  UserInfo,
} from "../api/bindings";
import { ErrorNotice } from "./ErrorNotice";
import "./oauth.css";
import { formatWhen } from "../format";

/** The platform's authorization code lives 30 seconds from the redirect. */
const CODE_LIFETIME_MS = 30_000;
/** With no news for this long, the login window is probably showing an error page. */
const STALL_MS = 45_000;

const STEP_LABEL: Record<StepKind, string> = {
  authorize: "Authorize URL made",
  authorize_page: "Authorize page checked",
  navigation: "Login window page",
  redirect: "Redirect captured",
  exchange: "Code exchanged",
  user_info: "Userinfo read",
};

type Received = { event: OAuthEvent; receivedAt: number };
type Run = { started: OAuthStarted; startedAt: number };

/** Whether the system browser can be used: the loopback listener serves only http on this machine. */
function isLoopback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

function defaultRedirectUri(uris: RedirectUriEntry[]): string {
  return (uris.find((entry) => entry.role === "o_auth") ?? uris.find((entry) => entry.role === "landing_page"))?.uri ?? "";
}

function pad(value: number, size = 2): string {
  return String(value).padStart(size, "0");
}

/** HH:MM:SS.mmm, local time. */
function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function pretty(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

function short(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function stepKey(step: TimelineStep): string {
  return `${step.kind}|${step.at}|${step.summary}`;
}

function asSteps(value: unknown): TimelineStep[] {
  return Array.isArray(value) ? (value as TimelineStep[]) : [];
}

/** The steps known so far: the run's stored timeline, then those heard as events, once each, in time order. */
function mergeSteps(known: TimelineStep[], heard: TimelineStep[]): TimelineStep[] {
  const seen = new Set<string>();
  const steps: TimelineStep[] = [];
  for (const step of [...known, ...heard]) {
    const key = stepKey(step);
    if (seen.has(key)) continue;
    seen.add(key);
    steps.push(step);
  }
  return steps
    .map((step, index) => ({ step, index, at: Date.parse(step.at) }))
    .sort((a, b) => (Number.isNaN(a.at) || Number.isNaN(b.at) || a.at === b.at ? a.index - b.index : a.at - b.at))
    .map((entry) => entry.step);
}

/** What a failure means, in plain words, by its code. */
function explain(error: ConsoleError, fromStart: boolean): string {
  switch (error.code) {
    case "access_denied":
      return "The user denied access on the consent page.";
    case "invalid_grant":
      return "The code had expired or was already used (codes live 30 seconds).";
    case "invalid_client":
      return "The client secret this console keeps does not match the platform's.";
    case "validation":
      if (fromStart && (error.status ?? 400) >= 400) {
        return "The platform refused the authorize request and would never redirect back (a redirect URI it does not have registered, or an unknown client id).";
      }
      return "The platform refused the values.";
    case "invalid_input":
      if (/state/i.test(error.message)) return "The state did not match: this redirect was not the answer to this test.";
      return "The values were refused.";
    case "network":
    case "timeout":
      return "The platform could not be reached.";
    case "rate_limited":
      return "The platform asked us to slow down.";
    case "not_found":
      return "Something this test needs was not found.";
    case "locked":
      return "The store is locked: unlock it and try again.";
    default:
      return "The test failed.";
  }
}

type Failure = { code: string; explanation: string; message: string; vendorMessage?: string; status?: number };

function failureOf(error: ConsoleError, fromStart: boolean): Failure {
  return {
    code: error.code,
    explanation: explain(error, fromStart),
    message: error.message,
    vendorMessage: error.vendorMessage,
    status: error.status,
  };
}

/** The OAuth flow tester: starts a test, follows it live, explains how it ended, and lists past tests. */
export function OAuthTester(props: { app: string }) {
  const { app } = props;
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: ["overview"], queryFn: commands.consoleOverview });
  const redirects = useQuery({ queryKey: ["redirect-uris", app], queryFn: () => commands.redirectUrisList(app) });
  const history = useQuery({ queryKey: ["oauth-runs", app], queryFn: () => commands.oauthRuns(app, 20) });

  // The form. `null` means "the default" (worked out from the queries above).
  const [chosenUri, setChosenUri] = useState<string | null>(null);
  const [brandUrl, setBrandUrl] = useState<string | null>(null);
  const [pkce, setPkce] = useState(true);
  const [scope, setScope] = useState("");
  const [browserChoice, setBrowserChoice] = useState<BrowserChoice>("embedded");

  // Events, buffered by run id: they may arrive before `oauth_start` answers.
  const [listening, setListening] = useState(false);
  const [buffer, setBuffer] = useState<Record<number, Received[]>>({});
  const [run, setRun] = useState<Run | null>(null);

  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let dropped = false;
    void onOAuthEvent((event) => {
      const receivedAt = Date.now();
      setBuffer((previous) => ({ ...previous, [event.run_id]: [...(previous[event.run_id] ?? []), { event, receivedAt }] }));
      if (event.kind === "finished" || event.kind === "cancelled" || event.kind === "failed") {
        void queryClient.invalidateQueries({ queryKey: ["oauth-runs", app] });
      }
    }).then((stop) => {
      if (dropped) stop();
      else {
        unlisten = stop;
        setListening(true);
      }
    });
    return () => {
      dropped = true;
      unlisten?.();
    };
  }, [app, queryClient]);

  const start = useMutation({
    mutationFn: commands.oauthStart,
    onSuccess: (started) => {
      setRun({ started, startedAt: Date.now() });
      // The pending run, with its authorize and authorize page steps.
      void queryClient.invalidateQueries({ queryKey: ["oauth-runs", app] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: ["oauth-runs", app] }),
  });
  const stop = useMutation({ mutationFn: commands.oauthStop });

  const uris = redirects.data?.uris ?? [];
  const redirectUri = chosenUri ?? defaultRedirectUri(uris);
  const brand = brandUrl ?? overview.data?.current_profile?.brand_url ?? "";
  const systemAllowed = isLoopback(redirectUri);
  const browser: BrowserChoice = systemAllowed ? browserChoice : "embedded";

  // This run's events, and what they say.
  const runId = run?.started.begin.run_id ?? null;
  const received = runId === null ? [] : (buffer[runId] ?? []);
  let capturedAtMs: number | null = null;
  let completion: OAuthCompletion | null = null;
  let cancelledReason: string | null = null;
  let failedError: ConsoleError | null = null;
  const heard: TimelineStep[] = [];
  let pagesLoaded = 0;
  let lastPage: string | null = null;
  for (const { event } of received) {
    if (event.kind === "step") heard.push(event.step);
    else if (event.kind === "page_loaded") {
      pagesLoaded += 1;
      lastPage = event.url;
    }
    else if (event.kind === "captured") capturedAtMs = event.captured_at_ms;
    else if (event.kind === "finished") {
      completion = event.completion;
      capturedAtMs = event.captured_at_ms;
    } else if (event.kind === "cancelled") cancelledReason = event.reason;
    else if (event.kind === "failed") failedError = new ConsoleError(event.error);
  }
  const ended = completion !== null || cancelledReason !== null || failedError !== null;
  const active = run !== null && !ended;
  const lastActivity = Math.max(run?.startedAt ?? 0, ...received.map((entry) => entry.receivedAt));
  const known = asSteps(history.data?.find((entry) => entry.run_id === runId)?.timeline);
  const steps = completion ? completion.timeline : run ? mergeSteps(known, heard) : [];

  // The stall hint: shown when the last news of an active run is STALL_MS old.
  const [stalledAt, setStalledAt] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const timer = window.setTimeout(() => setStalledAt(lastActivity), Math.max(0, lastActivity + STALL_MS - Date.now()));
    return () => window.clearTimeout(timer);
  }, [active, lastActivity]);
  const stalled = active && stalledAt === lastActivity;

  let failure: Failure | null = null;
  if (start.error) failure = failureOf(asConsoleError(start.error), true);
  else if (completion && completion.outcome !== "succeeded") {
    failure = completion.error
      ? failureOf(new ConsoleError(completion.error), false)
      : { code: completion.outcome, explanation: "The test failed.", message: "No reason was recorded." };
  } else if (failedError) failure = failureOf(failedError, false);
  else if (cancelledReason !== null) {
    failure = {
      code: "cancelled",
      explanation: "The login window was closed before the platform redirected back.",
      message: cancelledReason,
    };
  }

  const busy = start.isPending || active;
  const ready = listening && redirectUri !== "" && !busy;

  function submit() {
    if (!ready) return;
    setBuffer({});
    setRun(null);
    setStalledAt(null);
    stop.reset();
    start.mutate({
      begin: {
        app,
        redirect_uri: redirectUri,
        brand_url: brand.trim() === "" ? null : brand.trim(),
        pkce,
        scope: scope.trim() === "" ? null : scope.trim(),
      },
      browser,
    });
  }

  return (
    <div className="oa-tester" data-testid="oauth-tester">
      <div className="oa-top">
      <section className="card oa-section">
        <h2>Test the OAuth flow</h2>
        <form
          className="form oa-form"
          data-testid="oauth-form"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <label>
            Redirect URI
            <select
              id="oauth-redirect-uri"
              className="mono"
              value={redirectUri}
              onChange={(event) => setChosenUri(event.target.value)}
              disabled={busy || uris.length === 0}
            >
              {uris.map((entry) => (
                <option key={`${entry.role}-${entry.uri}`} value={entry.uri}>
                  {entry.role === "landing_page" ? `${entry.uri} (landing page)` : entry.uri}
                </option>
              ))}
            </select>
          </label>
          {redirects.isPending ? <p className="muted small">Reading the redirect URIs…</p> : null}
          {redirects.isError ? <ErrorNotice error={redirects.error} onRetry={() => void redirects.refetch()} /> : null}
          {redirects.data && uris.length === 0 ? (
            <p className="field-error">This app has no redirect URI: add one in the Redirect URIs tab first.</p>
          ) : null}
          <label>
            Brand URL
            <input
              id="oauth-brand-url"
              className="mono"
              value={brand}
              onChange={(event) => setBrandUrl(event.target.value)}
              disabled={busy}
              placeholder="https://brand.example.com"
            />
            <span className="small muted oa-hint">
              Where the user logs in. Defaults to the profile's brand URL; partners running a white-label host log in on theirs.
            </span>
          </label>
          {overview.data?.current_profile?.kind === "sandbox" && overview.data.sandbox_login ? (
            <p className="small oa-hint" data-testid="oauth-sandbox-login">
              Sandbox login: <span className="mono" data-testid="oauth-sandbox-email">{overview.data.sandbox_login.email}</span>{" "}
              / <span className="mono" data-testid="oauth-sandbox-password">{overview.data.sandbox_login.password}</span>{" "}
              <span className="muted">(the built-in sandbox&apos;s test user; it opens nothing on the real platform)</span>
            </p>
          ) : null}
          <label>
            Scope <span className="small muted">(optional)</span>
            <input id="oauth-scope" className="mono" value={scope} onChange={(event) => setScope(event.target.value)} disabled={busy} />
          </label>
          <label className="inline">
            <input id="oauth-pkce" type="checkbox" checked={pkce} onChange={(event) => setPkce(event.target.checked)} disabled={busy} />
            PKCE (S256)
          </label>
          <fieldset disabled={busy}>
            <legend>Log in with</legend>
            <label className="inline">
              <input
                id="oauth-browser-embedded"
                type="radio"
                name="oauth-browser"
                checked={browser === "embedded"}
                onChange={() => setBrowserChoice("embedded")}
              />
              Embedded window
            </label>
            <label className="inline">
              <input
                id="oauth-browser-system"
                type="radio"
                name="oauth-browser"
                checked={browser === "system"}
                onChange={() => setBrowserChoice("system")}
                disabled={!systemAllowed}
              />
              System browser
            </label>
            {!systemAllowed ? (
              <span className="small muted oa-hint" data-testid="oauth-system-hint">
                The system browser needs an http redirect URI on this machine (127.0.0.1, localhost or [::1]), where the console can
                listen for the redirect.
              </span>
            ) : null}
          </fieldset>
          <div className="actions">
            <button type="submit" className="primary" disabled={!ready} data-testid="oauth-start">
              {start.isPending ? "Checking the authorize page…" : active ? "Test running…" : "Start test"}
            </button>
          </div>
        </form>
      </section>

      {run || failure ? (
        <section className="card oa-section" data-testid="oauth-run">
          <div className="toolbar">
            <h2>{run ? `Test #${run.started.begin.run_id}` : "Test"}</h2>
            {run ? (
              <span className="small muted">
                {run.started.browser === "system" ? "Opened in your browser" : "Login window opened"} ·{" "}
                <span className="mono">{run.started.begin.redirect_uri}</span>
                {run.started.begin.pkce ? " · PKCE" : ""}
              </span>
            ) : null}
            {active ? (
              <span role="status">
                <span className="spinner" aria-hidden="true" /> <span className="small muted">running</span>
              </span>
            ) : null}
            {/* Once the redirect is caught the test finishes on its own: nothing to stop. */}
            {active && runId !== null && capturedAtMs === null ? (
              <button type="button" onClick={() => stop.mutate(runId)} disabled={stop.isPending} data-testid="oauth-stop">
                {stop.isPending ? "Stopping…" : "Stop"}
              </button>
            ) : null}
          </div>
          {active && run?.started.browser === "embedded" ? (
            <p className="small muted" data-testid="oauth-window-status" data-loaded={pagesLoaded}>
              Login window:{" "}
              {lastPage ? (
                <>
                  showing <span className="mono">{lastPage}</span>, waiting for the sign-in
                </>
              ) : (
                "opening…"
              )}
            </p>
          ) : null}
          {stop.error ? <ErrorNotice error={stop.error} /> : null}
          {stalled ? (
            <div className="banner warn" role="status" data-testid="oauth-stall">
              Still waiting on the platform's page. If it shows an error, the platform has refused the request and will never
              redirect: check the redirect URI and the brand URL.
            </div>
          ) : null}
          {capturedAtMs !== null && (active || completion) ? (
            <CodeWindow capturedAtMs={capturedAtMs} completion={completion} />
          ) : null}
          {failure ? <FailureNotice failure={failure} /> : null}
          {completion && completion.outcome === "succeeded" && capturedAtMs !== null ? (
            <Result completion={completion} capturedAtMs={capturedAtMs} />
          ) : null}
          {run ? <Timeline steps={steps} /> : null}
        </section>
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

      <History app={app} history={history} />
    </div>
  );
}

function FailureNotice(props: { failure: Failure }) {
  const { failure } = props;
  return (
    <div className="banner fail oa-failure" role="alert" data-testid="oauth-failure" data-code={failure.code}>
      <p>
        <strong>{failure.explanation}</strong>
      </p>
      <p>{failure.message}</p>
      {failure.vendorMessage && !failure.message.includes(failure.vendorMessage) ? (
        <p className="small">
          The platform said{failure.status ? ` (HTTP ${failure.status})` : ""}:{" "}
          <q data-testid="oauth-vendor-message">{failure.vendorMessage}</q>
        </p>
      ) : null}
    </div>
  );
}

/** The code's 30 seconds: counting down from the redirect, then how much the exchange used. */
function CodeWindow(props: { capturedAtMs: number; completion: OAuthCompletion | null }) {
  const { capturedAtMs, completion } = props;
  const [now, setNow] = useState(() => Date.now());
  const ticking = completion === null;
  useEffect(() => {
    if (!ticking) return;
    const timer = window.setInterval(() => setNow(Date.now()), 100);
    return () => window.clearInterval(timer);
  }, [ticking]);

  if (completion) {
    const { timings } = completion;
    const lifetime = (timings.code_lifetime_ms || CODE_LIFETIME_MS) / 1000;
    const used = timings.window_used_ms;
    return (
      <p className="oa-countdown done" data-testid="oauth-countdown">
        {used === null
          ? "The code was not exchanged."
          : `The exchange used ${(used / 1000).toFixed(1)} s of the code's ${lifetime.toFixed(0)} s.`}
        {timings.before_exchange_ms !== null ? (
          <span className="small muted">
            {" "}
            ({timings.before_exchange_ms} ms before the request was sent
            {timings.exchange_ms !== null ? `, ${timings.exchange_ms} ms for the exchange itself` : ""})
          </span>
        ) : null}
      </p>
    );
  }
  const left = Math.min(CODE_LIFETIME_MS, Math.max(0, CODE_LIFETIME_MS - (now - capturedAtMs)));
  const share = left / CODE_LIFETIME_MS;
  return (
    <div className="oa-countdown" data-testid="oauth-countdown">
      Code window: {(left / 1000).toFixed(1)} s left
      <div className="oa-meter" aria-hidden="true">
        <div className={share < 0.25 ? "oa-meter-fill low" : "oa-meter-fill"} style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

const USERINFO_FIELDS: { field: keyof UserInfo & string; label: string; always: boolean }[] = [
  { field: "business_uid", label: "Business UID", always: true },
  { field: "sub", label: "Staff (sub)", always: true },
  { field: "role", label: "Role", always: true },
  { field: "brand_host", label: "Brand host", always: true },
  { field: "directory_uid", label: "Directory UID", always: true },
  { field: "email", label: "Email", always: false },
  { field: "business_name", label: "Business name", always: false },
];

function Result(props: { completion: OAuthCompletion; capturedAtMs: number }) {
  const { completion, capturedAtMs } = props;
  const [shownAfter, setShownAfter] = useState<number | null>(null);
  useEffect(() => {
    // Measured at the first frame painted with the result.
    const frame = window.requestAnimationFrame(() => setShownAfter(Date.now() - capturedAtMs));
    return () => window.cancelAnimationFrame(frame);
  }, [capturedAtMs]);
  const userinfo = completion.userinfo;
  const token = completion.token;
  return (
    <div className="banner ok oa-result" data-testid="oauth-result">
      <p>
        <strong>The flow worked:</strong> the code was exchanged and the userinfo read.
      </p>
      {userinfo ? (
        <dl className="facts">
          {USERINFO_FIELDS.filter(({ field, always }) => always || userinfo[field] != null).map(({ field, label }) => {
            const value = userinfo[field];
            return [
              <dt key={`${field}-t`}>{label}</dt>,
              <dd key={`${field}-d`} className="mono" data-testid={`oauth-userinfo-${field}`}>
                {value == null || value === "" ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value)}
              </dd>,
            ];
          })}
        </dl>
      ) : (
        <p className="muted">No userinfo came back.</p>
      )}
      {token ? (
        <p className="small muted">
          Access token <span className="mono">{token.access_token}</span> ({token.token_type}
          {token.expires_in !== null ? `, expires in ${token.expires_in} s` : ""}
          {token.scope ? `, scope ${token.scope}` : ""}
          {token.has_refresh_token ? ", with a refresh token" : ""})
        </p>
      ) : null}
      {shownAfter !== null ? (
        <p className="small" data-testid="oauth-shown-after">
          Shown {shownAfter} ms after the redirect was captured
        </p>
      ) : null}
    </div>
  );
}

function Timeline(props: { steps: TimelineStep[] }) {
  return (
    <div className="oa-timeline-wrap">
      <h3>Timeline</h3>
      {props.steps.length === 0 ? <p className="muted small">Waiting for the first step…</p> : null}
      <ol className="oa-timeline" data-testid="oauth-timeline">
        {props.steps.map((step, index) => (
          <li key={`${stepKey(step)}-${index}`} className={step.ok ? "oa-step" : "oa-step fail"} data-testid="oauth-step" data-kind={step.kind}>
            <div className="oa-step-head">
              <span className="mono small muted oa-time">{clock(step.at)}</span>
              <span className="oa-label">{STEP_LABEL[step.kind] ?? step.kind}</span>
              <span className={step.ok ? "badge ok" : "badge fail"}>{step.ok ? "ok" : "failed"}</span>
              {step.duration_ms !== null ? <span className="small muted">{step.duration_ms} ms</span> : null}
            </div>
            <div className="oa-summary">{step.summary}</div>
            {step.request || step.response ? (
              <details className="oa-http">
                <summary className="small">HTTP</summary>
                {step.request ? (
                  <div className="oa-http-part">
                    <div className="mono small">
                      <strong>{step.request.method}</strong> {step.request.url}
                    </div>
                    {step.request.headers.length > 0 ? (
                      <ul className="oa-headers mono small">
                        {step.request.headers.map(([name, value], headerIndex) => (
                          <li key={`${name}-${headerIndex}`}>
                            {name}: {value}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {step.request.body !== null ? <pre className="oa-pre">{pretty(step.request.body)}</pre> : null}
                  </div>
                ) : null}
                {step.response ? (
                  <div className="oa-http-part">
                    <div className="mono small">
                      <strong>Response</strong> {step.response.status ?? "2xx"}
                    </div>
                    {step.response.body !== null ? <pre className="oa-pre">{pretty(step.response.body)}</pre> : null}
                  </div>
                ) : null}
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function outcomeBadge(run: OAuthRunView) {
  if (run.outcome === "succeeded") return <span className="badge ok">succeeded</span>;
  if (run.outcome === "failed") return <span className="badge fail">failed</span>;
  if (run.outcome === "cancelled") return <span className="badge">cancelled</span>;
  return <span className="badge">pending</span>;
}

function History(props: { app: string; history: UseQueryResult<OAuthRunView[]> }) {
  const { history } = props;
  return (
    <section className="card oa-section" data-testid="oauth-history">
      <h2>Past tests</h2>
      {history.isPending ? <p className="muted">Reading past tests…</p> : null}
      {history.isError ? <ErrorNotice error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data && history.data.length === 0 ? <p className="muted">No tests yet.</p> : null}
      {history.data && history.data.length > 0 ? (
        <table className="table oa-history">
          <thead>
            <tr>
              <th>Started</th>
              <th>Redirect URI</th>
              <th>Outcome</th>
              <th>Error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.data.map((entry) => (
              <HistoryRow key={entry.run_id} run={entry} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function HistoryRow(props: { run: OAuthRunView }) {
  const { run } = props;
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const report = useQuery({
    queryKey: ["oauth-report", run.run_id, run.finished_at],
    queryFn: () => commands.oauthReport(run.run_id),
    enabled: open,
  });
  const copy = useMutation({
    mutationFn: async () => {
      const fetched = await commands.oauthReport(run.run_id);
      await commands.clipboardCopyText(fetched.markdown);
    },
    onSuccess: () => setCopied(true),
  });
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 4000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  return (
    <>
      <tr data-testid={`oauth-run-${run.run_id}`}>
        <td className="nowrap">{formatWhen(run.started_at)}</td>
        <td className="mono oa-uri">{run.redirect_uri}</td>
        <td>{outcomeBadge(run)}</td>
        <td className="small" title={run.error ?? undefined}>
          {run.error ? short(run.error) : ""}
        </td>
        <td className="row-actions nowrap">
          <button
            type="button"
            className="copy-button"
            onClick={() => copy.mutate()}
            disabled={copy.isPending}
            data-testid={`oauth-copy-report-${run.run_id}`}
            title={copy.error ? asConsoleError(copy.error).message : "A redacted, secret-free report for a support ticket"}
          >
            {copy.isPending ? "Copying…" : copied ? "Copied" : copy.isError ? "Copy failed" : "Copy report"}
          </button>{" "}
          <button
            type="button"
            className="copy-button"
            onClick={() => setOpen((value) => !value)}
            aria-expanded={open}
            data-testid={`oauth-view-report-${run.run_id}`}
          >
            {open ? "Hide" : "View"}
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="oa-report-row">
          <td colSpan={5}>
            {report.isPending ? <p className="muted small">Reading the report…</p> : null}
            {report.isError ? <ErrorNotice error={report.error} onRetry={() => void report.refetch()} /> : null}
            {report.data ? (
              <pre className="oa-pre oa-report" data-testid={`oauth-report-${run.run_id}`}>
                {report.data.markdown}
              </pre>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
