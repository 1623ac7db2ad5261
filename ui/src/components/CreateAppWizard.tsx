import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asConsoleError, commands } from "../api/commands";
import type { AppInput, CreatedAppShown } from "../api/bindings";
import { ClientSecretField } from "./ClientSecretField";
import type { Navigate } from "../route";
import {
  APP_TYPES,
  URL_PARAMS,
  codeNameProblem,
  nameProblem,
  redirectUriListProblems,
  redirectUriProblem,
} from "../validation";
import { CopyButton } from "./CopyButton";
import { ErrorNotice } from "./ErrorNotice";

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Shows a problem only once the field has been touched, so an empty form is not all red. */
function FieldError(props: { problem: string | null; shown: boolean; id: string }) {
  if (!props.problem || !props.shown) return null;
  return (
    <p className="field-error" id={props.id} data-testid={props.id}>
      {props.problem}
    </p>
  );
}

/**
 * Creates an app: the vendor's fields, checked as you type (Rust checks them again
 * before anything is sent). On success the client id and secret are shown once; they
 * are already saved in the encrypted store when this screen appears.
 */
export function CreateAppWizard(props: { navigate: Navigate }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [codeName, setCodeName] = useState("");
  const [redirectUri, setRedirectUri] = useState("");
  const [oauthUris, setOauthUris] = useState("");
  const [trusted, setTrusted] = useState(false);
  const [urlParams, setUrlParams] = useState<string[]>(["brand_host"]);
  const [appTypes, setAppTypes] = useState<string[]>([]);
  const [shortDescription, setShortDescription] = useState("");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const touch = (field: string) => setTouched((was) => (was[field] ? was : { ...was, [field]: true }));

  const create = useMutation({
    mutationFn: commands.appCreate,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["apps"] });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
    },
  });

  const problems = {
    name: nameProblem(name),
    code: codeNameProblem(codeName.trim()),
    redirect: redirectUriProblem(redirectUri.trim()),
    oauth: redirectUriListProblems(lines(oauthUris)).find((p) => p !== null) ?? null,
  };
  const valid = Object.values(problems).every((p) => p === null);
  const serverError = create.error ? asConsoleError(create.error) : null;
  const serverField = serverError?.field;

  function toggle(list: string[], value: string, on: boolean): string[] {
    return on ? [...list, value] : list.filter((v) => v !== value);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ name: true, code: true, redirect: true, oauth: true });
    if (!valid || create.isPending) return;
    const input: AppInput = {
      name: name.trim(),
      redirect_uri: redirectUri.trim(),
      trusted,
      url_params: urlParams,
    };
    if (codeName.trim()) input.app_code_name = codeName.trim();
    const extra = lines(oauthUris);
    if (extra.length > 0) input.oauth_redirect_uris = extra;
    if (appTypes.length > 0) input.app_type = appTypes;
    if (shortDescription.trim()) input.description = { short_description: shortDescription.trim() };
    create.mutate(input);
  }

  if (create.data) return <CreatedApp created={create.data} navigate={props.navigate} />;

  return (
    <form className="card form wide" onSubmit={submit} data-testid="create-app" noValidate>
      <div className="toolbar">
        <h1>New app</h1>
        <button type="button" onClick={() => props.navigate({ view: "apps" })}>
          Cancel
        </button>
      </div>
      <p className="muted">
        The platform shows the new app&apos;s client secret once. The console saves it in your encrypted store before
        showing it.
      </p>

      <label htmlFor="create-name">Name</label>
      <input
        id="create-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => touch("name")}
        aria-invalid={touched.name && problems.name !== null}
        aria-describedby="create-name-error"
        placeholder="My scheduling app"
        autoFocus
      />
      <span className="muted small">{[...name.trim()].length}/25 characters</span>
      <FieldError problem={problems.name ?? (serverField === "name" ? serverError!.message : null)} shown={!!touched.name || serverField === "name"} id="create-name-error" />

      <label htmlFor="create-code-name">
        Code name <span className="muted small">optional: letters and digits; derived from the name when empty</span>
      </label>
      <input
        id="create-code-name"
        className="mono"
        value={codeName}
        onChange={(e) => setCodeName(e.target.value)}
        onBlur={() => touch("code")}
        aria-invalid={touched.code && problems.code !== null}
      />
      <FieldError problem={problems.code} shown={!!touched.code} id="create-code-name-error" />

      <label htmlFor="create-redirect-uri">
        Redirect URI <span className="muted small">the app&apos;s landing page in the platform</span>
      </label>
      <input
        id="create-redirect-uri"
        className="mono"
        value={redirectUri}
        onChange={(e) => setRedirectUri(e.target.value)}
        onBlur={() => touch("redirect")}
        aria-invalid={touched.redirect && problems.redirect !== null}
        placeholder="https://myapp.example.com/app"
      />
      <FieldError
        problem={problems.redirect ?? (serverField === "redirect_uri" ? serverError!.message : null)}
        shown={!!touched.redirect || serverField === "redirect_uri"}
        id="create-redirect-uri-error"
      />

      <label htmlFor="create-oauth-uris">
        OAuth redirect URIs <span className="muted small">optional, one per line</span>
      </label>
      <textarea
        id="create-oauth-uris"
        className="mono"
        rows={3}
        value={oauthUris}
        onChange={(e) => setOauthUris(e.target.value)}
        onBlur={() => touch("oauth")}
        placeholder="https://myapp.example.com/oauth/callback"
      />
      <FieldError problem={problems.oauth} shown={!!touched.oauth} id="create-oauth-uris-error" />

      <fieldset>
        <legend>URL parameters the platform adds when it opens the app</legend>
        <div className="checks">
          {URL_PARAMS.map((param) => (
            <label key={param} className="inline">
              <input
                type="checkbox"
                id={`create-url-param-${param}`}
                checked={urlParams.includes(param)}
                onChange={(e) => setUrlParams((list) => toggle(list, param, e.target.checked))}
              />
              <span className="mono">{param}</span>
              {param === "brand_host" ? <span className="badge ok">suggested</span> : null}
            </label>
          ))}
        </div>
        {!urlParams.includes("brand_host") ? (
          <p className="field-warn small">
            Without brand_host the app cannot learn which brand host opened it; the OAuth guide needs it.
          </p>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>Integration points (app type)</legend>
        <div className="checks">
          {APP_TYPES.map((type) => (
            <label key={type} className="inline">
              <input
                type="checkbox"
                checked={appTypes.includes(type)}
                onChange={(e) => setAppTypes((list) => toggle(list, type, e.target.checked))}
              />
              <span className="mono">{type}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <label htmlFor="create-short-description">
        Short description <span className="muted small">optional, shown in the app market</span>
      </label>
      <input id="create-short-description" value={shortDescription} onChange={(e) => setShortDescription(e.target.value)} />

      <label className="inline">
        <input type="checkbox" id="create-trusted" checked={trusted} onChange={(e) => setTrusted(e.target.checked)} />
        Trusted <span className="muted small">skips the consent screen; cannot be changed after the app is created</span>
      </label>

      {serverError ? <ErrorNotice error={serverError} testId="create-error" /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending} data-testid="create-submit">
          {create.isPending ? "Creating…" : "Create app"}
        </button>
      </div>
    </form>
  );
}

/**
 * A new app's credentials. The secret is already in the encrypted store, so the page gets
 * its mask (copy by reference, or Reveal); only when saving failed does the secret itself
 * come here, as the last chance to copy it.
 */
function CreatedApp(props: { created: CreatedAppShown; navigate: Navigate }) {
  const { created } = props;
  return (
    <section className="card form wide" data-testid="created-app">
      <h1>{created.name} is created</h1>
      {created.secret_saved ? (
        <div className="banner ok" role="status" data-testid="created-saved">
          Saved in your encrypted store. The platform will not show this client secret again; the console keeps it for
          you.
        </div>
      ) : (
        <div className="banner fail" role="alert" data-testid="created-not-saved">
          The client secret could not be saved in your store. Copy it now: the platform will not show it again.
        </div>
      )}
      <dl className="facts">
        <dt>Code name</dt>
        <dd className="mono" data-testid="created-code-name">
          {created.app_code_name}
        </dd>
        <dt>Client ID</dt>
        <dd>
          <span className="mono" data-testid="created-client-id">
            {created.client_id}
          </span>{" "}
          <CopyButton source={{ text: created.client_id }} testId="copy-client-id" />
        </dd>
        <dt>Client secret</dt>
        <dd>
          {created.unsaved_client_secret !== null ? (
            <>
              <span className="mono" data-testid="created-client-secret">
                {created.unsaved_client_secret}
              </span>{" "}
              <CopyButton source={{ text: created.unsaved_client_secret }} testId="copy-client-secret" />
            </>
          ) : (
            <ClientSecretField
              app={created.app_code_name}
              mask={created.client_secret_mask}
              testId="created-client-secret"
            />
          )}
        </dd>
      </dl>
      {created.warnings.length > 0 ? (
        <div className="banner warn" role="status">
          <ul>
            {created.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => props.navigate({ view: "app", app: created.app_code_name, tab: "credentials" })}
          data-testid="created-open"
        >
          Open the app&apos;s credentials
        </button>
      </div>
    </section>
  );
}
