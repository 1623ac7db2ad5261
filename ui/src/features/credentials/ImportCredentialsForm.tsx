// The form that keeps an app's client id and secret (an app created elsewhere, or kept
// credentials replaced). Rust checks the pair with the platform before keeping anything:
// a refused pair keeps nothing and is told by the form, with what was typed still there.
// The secret is typed into a password field and sent once; it is never shown back.
import { useState } from "react";
import type { CredentialsView } from "../../api/bindings";
import { asConsoleError } from "../../api/commands";
import { ErrorNotice } from "../../components/ErrorNotice";
import { closeOnEscape, useFocusOnMount } from "../../hooks/focus";
import { useImportCredentials } from "./hooks";

export function ImportCredentialsForm(props: {
  app: string;
  replacing: boolean;
  onClose: () => void;
  onImported: (view: CredentialsView) => void;
}) {
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const save = useImportCredentials(props.app);
  const first = useFocusOnMount<HTMLInputElement>();
  const ready = clientId.trim().length > 0 && clientSecret.trim().length > 0;
  const error = save.error ? asConsoleError(save.error) : null;
  const secretRefused = error?.field === "client_secret";
  return (
    <form
      className="form"
      data-testid="import-form"
      aria-label={props.replacing ? "Replace credentials" : "Import credentials"}
      onKeyDown={closeOnEscape(props.onClose)}
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready || save.isPending) return;
        save.mutate(
          { clientId: clientId.trim(), clientSecret: clientSecret.trim() },
          {
            onSuccess: (view) => {
              setClientSecret("");
              props.onImported(view);
            },
          },
        );
      }}
    >
      {props.replacing ? (
        <p className="muted small">
          The new pair is checked with the platform first; the kept one stays unless the platform accepts it.
        </p>
      ) : null}
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
          aria-invalid={secretRefused}
          aria-describedby={secretRefused ? "import-error" : undefined}
        />
      </label>
      {error ? (
        <div id="import-error">
          <ErrorNotice error={error} testId="import-error" />
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!ready || save.isPending}>
          {save.isPending ? "Checking with the platform…" : "Keep in the encrypted store"}
        </button>
      </div>
    </form>
  );
}
