// The OAuth tester's form: which registered redirect URI, the brand host to log in on,
// scope, PKCE, and where to log in (the embedded window; the system browser when the
// redirect URI is an http address on this machine the console can listen on; or any
// browser, the link copied there and the address it lands on pasted back).
import type { BrowserChoice, Overview, RedirectUriEntry } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { isLoopback } from "./form";

export type OAuthFormValues = {
  redirectUri: string;
  brand: string;
  scope: string;
  pkce: boolean;
  browser: BrowserChoice;
};

export type OAuthFormSetters = {
  setRedirectUri: (uri: string) => void;
  setBrand: (brand: string) => void;
  setScope: (scope: string) => void;
  setPkce: (pkce: boolean) => void;
  setBrowser: (browser: BrowserChoice) => void;
};

export function OAuthForm(props: {
  values: OAuthFormValues;
  set: OAuthFormSetters;
  uris: RedirectUriEntry[];
  redirects: { isPending: boolean; isError: boolean; error: unknown; hasData: boolean; refetch: () => void };
  overview: Overview | undefined;
  busy: boolean;
  ready: boolean;
  startLabel: string;
  onSubmit: () => void;
}) {
  const { values, set, uris, redirects, overview, busy } = props;
  const systemAllowed = isLoopback(values.redirectUri);
  return (
    <section className="card oa-section">
      <h2>Test the OAuth flow</h2>
      <form
        className="form oa-form"
        data-testid="oauth-form"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        <label>
          Redirect URI
          <select
            id="oauth-redirect-uri"
            className="mono"
            value={values.redirectUri}
            onChange={(event) => set.setRedirectUri(event.target.value)}
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
        {redirects.isError ? <ErrorNotice error={redirects.error} onRetry={redirects.refetch} /> : null}
        {redirects.hasData && uris.length === 0 ? (
          <p className="field-error">This app has no redirect URI: add one in the Redirect URIs tab first.</p>
        ) : null}
        <label>
          Brand URL
          <input
            id="oauth-brand-url"
            className="mono"
            value={values.brand}
            onChange={(event) => set.setBrand(event.target.value)}
            disabled={busy}
            placeholder="https://brand.example.com"
          />
          <span className="small muted oa-hint">
            Where the user logs in. Defaults to the profile's brand URL; partners running a white-label host log in on theirs.
          </span>
        </label>
        {overview?.current_profile?.kind === "sandbox" && overview.sandbox_login ? (
          <p className="small oa-hint" data-testid="oauth-sandbox-login">
            Sandbox login: <span className="mono" data-testid="oauth-sandbox-email">{overview.sandbox_login.email}</span>{" "}
            / <span className="mono" data-testid="oauth-sandbox-password">{overview.sandbox_login.password}</span>{" "}
            <span className="muted">(the built-in sandbox&apos;s test user; it opens nothing on the real platform)</span>
          </p>
        ) : null}
        <label>
          Scope <span className="small muted">(optional)</span>
          <input id="oauth-scope" className="mono" value={values.scope} onChange={(event) => set.setScope(event.target.value)} disabled={busy} />
        </label>
        <label className="inline">
          <input id="oauth-pkce" type="checkbox" checked={values.pkce} onChange={(event) => set.setPkce(event.target.checked)} disabled={busy} />
          PKCE (S256)
        </label>
        <fieldset disabled={busy}>
          <legend>Log in with</legend>
          <label className="inline">
            <input
              id="oauth-browser-embedded"
              type="radio"
              name="oauth-browser"
              checked={values.browser === "embedded"}
              onChange={() => set.setBrowser("embedded")}
            />
            Embedded window
          </label>
          <label className="inline">
            <input
              id="oauth-browser-system"
              type="radio"
              name="oauth-browser"
              checked={values.browser === "system"}
              onChange={() => set.setBrowser("system")}
              disabled={!systemAllowed}
            />
            System browser
          </label>
          <label className="inline">
            <input
              id="oauth-browser-manual"
              type="radio"
              name="oauth-browser"
              checked={values.browser === "manual"}
              onChange={() => set.setBrowser("manual")}
            />
            Any browser (copy the link, paste the result back)
          </label>
          {!systemAllowed ? (
            <span className="small muted oa-hint" data-testid="oauth-system-hint">
              The system browser needs an http redirect URI on this machine (127.0.0.1, localhost or [::1]), where the console can
              listen for the redirect.
            </span>
          ) : null}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={!props.ready} data-testid="oauth-start">
            {props.startLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
