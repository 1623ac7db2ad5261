// An app's client credentials: the client id and the kept secret (masked, revealed only
// on request), or, for an app made elsewhere, why none is kept here and a form to import
// them. The secret is typed into a password field and sent once; it is never shown back.
import { useState } from "react";
import { asConsoleError } from "../../api/commands";
import { CopyButton } from "../../components/CopyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatWhen } from "../../format";
import { closeOnEscape, useFocusOnMount } from "../../hooks/focus";
import { ClientSecretField } from "./ClientSecretField";
import { useCredentials, useImportCredentials } from "./hooks";

export function ClientCredentials(props: { app: string }) {
  const { app } = props;
  const credentials = useCredentials(app);

  if (credentials.isPending) return <p className="muted">Reading the credentials…</p>;
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
          <ImportCredentials app={app} />
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
    <section className="card">
      <h2>Client credentials</h2>
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
    </section>
  );
}

/** Keeps the client id and secret of an app created elsewhere (checked non-empty, sent once, shown masked). */
function ImportCredentials(props: { app: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="import-credentials">
        Import credentials…
      </button>
    );
  }
  return <ImportForm app={props.app} onClose={() => setOpen(false)} />;
}

function ImportForm(props: { app: string; onClose: () => void }) {
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const save = useImportCredentials(props.app);
  const first = useFocusOnMount<HTMLInputElement>();
  const ready = clientId.trim().length > 0 && clientSecret.trim().length > 0;
  return (
    <form
      className="form"
      data-testid="import-form"
      onKeyDown={closeOnEscape(props.onClose)}
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        save.mutate(
          { clientId: clientId.trim(), clientSecret: clientSecret.trim() },
          { onSuccess: () => setClientSecret("") },
        );
      }}
    >
      <label>
        Client ID
        <input id="import-client-id" ref={first} className="mono" value={clientId} onChange={(e) => setClientId(e.target.value)} />
      </label>
      <label>
        Client secret
        <input
          id="import-client-secret"
          className="mono"
          type="password"
          autoComplete="off"
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
        />
      </label>
      {save.error ? <ErrorNotice error={save.error} /> : null}
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!ready || save.isPending}>
          {save.isPending ? "Saving…" : "Keep in the encrypted store"}
        </button>
      </div>
    </form>
  );
}
