// A new app's credentials, shown once after the create: the client id, and the secret as
// a mask (it is already in the encrypted store), or the secret itself with an alarm when
// the store could not keep it. Also an app found after its create's answer was lost: it
// exists, and this console has no secret for it.
import type { AppSummary, CreatedAppShown } from "../../api/bindings";
import { CopyButton } from "../../components/CopyButton";
import type { Navigate } from "../../route";
import { ClientSecretField } from "../credentials/ClientSecretField";

/**
 * A new app's credentials. The secret is already in the encrypted store, so the page gets
 * its mask (copy by reference, or Reveal); only when saving failed does the secret itself
 * come here, as the last chance to copy it.
 */
export function CreatedApp(props: { created: CreatedAppShown; navigate: Navigate }) {
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

/** An app whose create's answer was lost, found since: it exists, without its secret here. */
export function FoundApp(props: { app: AppSummary; navigate: Navigate }) {
  const { app } = props;
  return (
    <div className="banner ok" role="status" data-testid="create-found">
      <p>
        It was created, as <span className="mono" data-testid="create-found-code-name">{app.app_code_name}</span>. The
        platform shows a client secret only once and its answer was lost, so this console does not have it: open the
        app, then create new credentials or import them.
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => props.navigate({ view: "app", app: app.app_code_name, tab: "credentials" })}
          data-testid="create-found-open"
        >
          Open {app.name ?? app.app_code_name}
        </button>
      </div>
    </div>
  );
}
