// The New app form: the vendor's fields, judged by Rust as they are typed (the hints are
// Rust's app_form_check, asked ~150 ms after the typing stops, each only ever about its
// field's current value), and judged once more, on the exact input, before anything is
// sent. Owns the form's state; the create action and its cache consequences are in
// ./hooks.ts. Escape, like Cancel, goes back to the apps. A name the apps list already
// has is confirmed first; a create whose answer was lost keeps Create disabled until Rust
// says the app was not created (./UnknownOutcome.tsx).
import { useMemo, useState, type FormEvent } from "react";
import type { AppInput, AppSummary } from "../../api/bindings";
import { asConsoleError } from "../../api/commands";
import { formCheckBlocks, useAppFormCheck, useVocabulary } from "../../api/judgements";
import { ErrorNotice } from "../../components/ErrorNotice";
import { closeOnEscape, useFocusOnMount } from "../../hooks/focus";
import type { Navigate } from "../../route";
import { CreatedApp } from "./CreatedApp";
import { useCreateApp, useSameNamedApp } from "./hooks";
import { UnknownOutcome } from "./UnknownOutcome";
import { Choices, FieldError, SameNameDialog } from "./wizardFields";

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

type Touchable = "name" | "code" | "redirect" | "oauth";
const ALL_TOUCHED: Record<Touchable, boolean> = { name: true, code: true, redirect: true, oauth: true };

/**
 * Creates an app. On success the client id and secret are shown once; they are already
 * saved in the encrypted store when that screen appears.
 */
export function CreateAppWizard(props: { navigate: Navigate }) {
  const [name, setName] = useState("");
  const [codeName, setCodeName] = useState("");
  const [redirectUri, setRedirectUri] = useState("");
  const [oauthUris, setOauthUris] = useState("");
  const [trusted, setTrusted] = useState(false);
  const [urlParams, setUrlParams] = useState<string[]>(["brand_host"]);
  const [appTypes, setAppTypes] = useState<string[]>([]);
  const [shortDescription, setShortDescription] = useState("");
  const [touched, setTouched] = useState<Partial<Record<Touchable, boolean>>>({});
  const touch = (field: Touchable) => setTouched((was) => (was[field] ? was : { ...was, [field]: true }));
  const first = useFocusOnMount<HTMLInputElement>();
  const cancel = () => props.navigate({ view: "apps" });

  const vocabulary = useVocabulary();
  const create = useCreateApp();
  const input = useMemo(() => {
    const input: AppInput = { name: name.trim(), redirect_uri: redirectUri.trim(), trusted, url_params: urlParams };
    if (codeName.trim()) input.app_code_name = codeName.trim();
    const extra = lines(oauthUris);
    if (extra.length > 0) input.oauth_redirect_uris = extra;
    if (appTypes.length > 0) input.app_type = appTypes;
    if (shortDescription.trim()) input.description = { short_description: shortDescription.trim() };
    return input;
  }, [name, redirectUri, trusted, urlParams, codeName, oauthUris, appTypes, shortDescription]);
  const check = useAppFormCheck(input);
  // Between Create and Rust's last judgement: a second click must not create twice.
  const [checking, setChecking] = useState(false);
  const judged = check.judgement;
  const sameNamed = useSameNamedApp();
  // A name the apps list already has: asked about before anything is sent.
  const [twin, setTwin] = useState<{ existing: AppSummary; input: AppInput } | null>(null);
  // Check again found nothing: said until the next Create.
  const [notCreated, setNotCreated] = useState(false);

  const serverError = create.error ? asConsoleError(create.error) : null;
  // A lost answer: nothing may be created again until Rust says the app was not created.
  const unknown = serverError?.code === "unknown_outcome" ? serverError : null;
  // The platform's refusal names a field: shown under it while it holds what was sent.
  const refused = (field: "name" | "redirect_uri") =>
    serverError?.field === field && create.variables?.[field] === input[field];
  const serverProblem = (field: "name" | "redirect_uri") => (refused(field) ? serverError?.message : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(ALL_TOUCHED);
    if (checking || create.isPending || unknown) return;
    setNotCreated(false);
    setChecking(true);
    // Judged on exactly what is sent; when Rust cannot be asked, its create refuses instead.
    const verdict = await check.ensure().catch(() => undefined);
    setChecking(false);
    if (formCheckBlocks(verdict)) return;
    const existing = sameNamed(input.name);
    if (existing) setTwin({ existing, input });
    else create.mutate(input);
  }

  if (create.data) return <CreatedApp created={create.data} navigate={props.navigate} />;

  const chars = [...name.trim()].length;
  return (
    <form className="card form wide" onSubmit={(event) => void submit(event)} onKeyDown={closeOnEscape(cancel)} data-testid="create-app" noValidate>
      <div className="toolbar">
        <h1>New app</h1>
        <button type="button" onClick={cancel}>
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
        ref={first}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => touch("name")}
        aria-invalid={touched.name && !!judged?.name}
        aria-describedby="create-name-error"
        placeholder="My scheduling app"
      />
      <span className="muted small">
        {chars}/{vocabulary.data?.name_max_chars ?? "…"} characters
      </span>
      <FieldError
        problem={judged?.name ?? serverProblem("name")}
        shown={!!touched.name || refused("name")}
        id="create-name-error"
      />

      <label htmlFor="create-code-name">
        Code name <span className="muted small">optional: letters and digits; derived from the name when empty</span>
      </label>
      <input
        id="create-code-name"
        className="mono"
        value={codeName}
        onChange={(e) => setCodeName(e.target.value)}
        onBlur={() => touch("code")}
        aria-invalid={touched.code && !!judged?.app_code_name}
      />
      <FieldError problem={judged?.app_code_name} shown={!!touched.code} id="create-code-name-error" />

      <label htmlFor="create-redirect-uri">
        Redirect URI <span className="muted small">the app&apos;s landing page in the platform</span>
      </label>
      <input
        id="create-redirect-uri"
        className="mono"
        value={redirectUri}
        onChange={(e) => setRedirectUri(e.target.value)}
        onBlur={() => touch("redirect")}
        aria-invalid={touched.redirect && !!judged?.redirect_uri}
        placeholder="https://myapp.example.com/app"
      />
      <FieldError
        problem={judged?.redirect_uri ?? serverProblem("redirect_uri")}
        shown={!!touched.redirect || refused("redirect_uri")}
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
      <FieldError
        problem={judged?.oauth_redirect_uris.find((entry) => entry.problem !== null)?.problem}
        shown={!!touched.oauth}
        id="create-oauth-uris-error"
      />

      <fieldset>
        <legend>URL parameters the platform adds when it opens the app</legend>
        <Choices
          values={vocabulary.data?.url_params}
          selected={urlParams}
          onChange={setUrlParams}
          idPrefix="create-url-param-"
          suggested="brand_host"
        />
        {!urlParams.includes("brand_host") ? (
          <p className="field-warn small">
            Without brand_host the app cannot learn which brand host opened it; the OAuth guide needs it.
          </p>
        ) : null}
        {judged?.url_params ? <p className="field-error">{judged.url_params}</p> : null}
      </fieldset>

      <fieldset>
        <legend>Integration points (app type)</legend>
        <Choices values={vocabulary.data?.app_types} selected={appTypes} onChange={setAppTypes} />
      </fieldset>

      <label htmlFor="create-short-description">
        Short description <span className="muted small">optional, shown in the app market</span>
      </label>
      <input id="create-short-description" value={shortDescription} onChange={(e) => setShortDescription(e.target.value)} />

      <label className="inline">
        <input type="checkbox" id="create-trusted" checked={trusted} onChange={(e) => setTrusted(e.target.checked)} />
        Trusted <span className="muted small">skips the consent screen; cannot be changed after the app is created</span>
      </label>

      {unknown ? (
        <UnknownOutcome
          error={unknown}
          input={create.variables ?? input}
          navigate={props.navigate}
          onNotCreated={() => {
            create.reset();
            setNotCreated(true);
          }}
        />
      ) : serverError ? (
        <ErrorNotice error={serverError} testId="create-error" />
      ) : null}
      {notCreated ? (
        <p className="banner ok" role="status" data-testid="create-not-created">
          It was not created: you can create it now.
        </p>
      ) : null}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={checking || create.isPending || unknown !== null}
          data-testid="create-submit"
        >
          {create.isPending ? "Creating…" : "Create app"}
        </button>
      </div>
      {twin ? (
        <SameNameDialog
          existing={twin.existing}
          onKeep={() => setTwin(null)}
          onCreate={() => {
            setTwin(null);
            create.mutate(twin.input);
          }}
        />
      ) : null}
    </form>
  );
}
