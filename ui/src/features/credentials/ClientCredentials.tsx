// An app's client credentials: the client id and the kept secret (masked, revealed only
// on request), with Replace (a new pair, checked with the platform first) and Forget
// (after a confirmation); or, for an app whose secret is not kept here, why, and a form
// to import them. After an import, whether the platform checked the pair.
import { useState } from "react";
import type { CredentialsView } from "../../api/bindings";
import { asConsoleError } from "../../api/commands";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { CopyButton } from "../../components/CopyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatWhen } from "../../format";
import { ClientSecretField } from "./ClientSecretField";
import { useCredentials, useRemoveCredentials } from "./hooks";
import { ImportCredentialsForm } from "./ImportCredentialsForm";

export function ClientCredentials(props: { app: string }) {
  const { app } = props;
  const credentials = useCredentials(app);
  // The last import's answer: whether the platform checked the pair (only an import says).
  const [imported, setImported] = useState<CredentialsView | null>(null);
  const [replacing, setReplacing] = useState(false);

  // The card's frame while the store answers, so the tokens below do not jump when it does.
  if (credentials.isPending)
    return (
      <section className="card credentials-loading" aria-busy="true">
        <h2>Client credentials</h2>
        <p className="muted">Reading the credentials…</p>
      </section>
    );
  if (credentials.isError) {
    const error = asConsoleError(credentials.error);
    // Not an error to alarm anyone: the app was made elsewhere, so its secret is not here.
    if (error.code === "not_found" && error.field === "credentials") {
      return (
        <section className="card" data-testid="no-credentials">
          <h2>Client credentials</h2>
          <p>
            <strong>No client secret is kept here.</strong> {error.message}
          </p>
          <ImportCredentials app={app} onImported={setImported} />
        </section>
      );
    }
    return (
      <section className="card">
        <h2>Client credentials</h2>
        <ErrorNotice error={error} testId="credentials-error" onRetry={() => void credentials.refetch()} />
      </section>
    );
  }
  const view = credentials.data;
  return (
    <section className="card" data-testid="kept-credentials">
      <h2>Client credentials</h2>
      {imported ? <ImportVerdict view={imported} /> : null}
      <dl className="facts">
        <dt>Client ID</dt>
        <dd>
          <span className="mono" data-testid="client-id">
            {view.client_id}
          </span>{" "}
          <CopyButton source={{ text: view.client_id }} testId="copy-client-id" />
        </dd>
        <dt>Client secret</dt>
        <dd>
          <ClientSecretField app={app} mask={view.client_secret} testId="client-secret" />
        </dd>
        <dt>Kept since</dt>
        <dd>
          {formatWhen(view.created_at)} · {view.source === "created_here" ? "created in this console" : "imported"}
        </dd>
      </dl>
      <p className="muted small">Kept in your encrypted store. A copied secret is cleared from the clipboard after 30 seconds.</p>
      {replacing ? (
        <ImportCredentialsForm
          app={app}
          replacing
          onClose={() => setReplacing(false)}
          onImported={(imported) => {
            setReplacing(false);
            setImported(imported);
          }}
        />
      ) : (
        // One row: Replace where the eye starts, Forget (destructive) at the far end.
        <div className="actions split">
          <button type="button" onClick={() => setReplacing(true)} data-testid="replace-credentials">
            Replace credentials…
          </button>
          <ForgetCredentials app={app} onForgotten={() => setImported(null)} />
        </div>
      )}
    </section>
  );
}

/** What the platform said of an imported pair: checked, or kept without checking and why. */
function ImportVerdict(props: { view: CredentialsView }) {
  const { view } = props;
  if (view.verified === true && !view.note) {
    return (
      <p className="banner ok" role="status" data-testid="credentials-verified">
        Checked with the platform: this client id and secret work.
      </p>
    );
  }
  if (view.note || view.verified === false) {
    return (
      <p className="banner warn" role="status" data-testid="credentials-note">
        {view.note ?? "Saved without checking with the platform."}
      </p>
    );
  }
  return null;
}

/** "Import credentials…" (for an app whose secret is not kept here), opening the form. */
function ImportCredentials(props: { app: string; onImported: (view: CredentialsView) => void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="import-credentials">
        Import credentials…
      </button>
    );
  }
  return (
    <ImportCredentialsForm
      app={props.app}
      replacing={false}
      onClose={() => setOpen(false)}
      onImported={(view) => {
        setOpen(false);
        props.onImported(view);
      }}
    />
  );
}

/** Forgets the kept pair, after asking; the app on the platform is not changed. */
function ForgetCredentials(props: { app: string; onForgotten: () => void }) {
  const [asking, setAsking] = useState(false);
  const remove = useRemoveCredentials(props.app);
  return (
    <>
      <button type="button" className="danger" onClick={() => setAsking(true)} disabled={remove.isPending} data-testid="credentials-remove">
        {remove.isPending ? "Forgetting…" : "Forget credentials…"}
      </button>
      {remove.error ? <ErrorNotice error={remove.error} testId="credentials-remove-error" /> : null}
      {asking ? (
        <ConfirmDialog
          title="Forget the client id and secret kept for this app?"
          keepLabel="Keep them"
          discardLabel="Forget them"
          testId="credentials-remove-confirm"
          onKeep={() => setAsking(false)}
          onDiscard={() => {
            setAsking(false);
            remove.mutate(undefined, { onSuccess: props.onForgotten });
          }}
        >
          <p>The app on the platform is not changed. To test OAuth with it again, import its credentials.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
