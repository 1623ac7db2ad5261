import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asConsoleError, commands } from "../api/commands";
import type { AppTokenView, CreatedTokenShown } from "../api/bindings";
import { ClientSecretField } from "./ClientSecretField";
import { CopyButton } from "./CopyButton";
import { ErrorNotice } from "./ErrorNotice";
import { formatWhen } from "../format";

/** The app's client id and (masked) client secret, and its app tokens. */
export function CredentialsPanel(props: { app: string }) {
  return (
    <div className="stack" data-testid="credentials-panel">
      <ClientCredentials app={props.app} />
      <AppTokens app={props.app} />
    </div>
  );
}

function ClientCredentials(props: { app: string }) {
  const { app } = props;
  const credentials = useQuery({ queryKey: ["credentials", app], queryFn: () => commands.appCredentials(app, false) });

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
  const { app } = props;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const save = useMutation({
    mutationFn: () => commands.appCredentialsImport(app, clientId.trim(), clientSecret.trim()),
    onSuccess: () => {
      setClientSecret("");
      void queryClient.invalidateQueries({ queryKey: ["credentials", app] });
      void queryClient.invalidateQueries({ queryKey: ["app", app] });
      void queryClient.invalidateQueries({ queryKey: ["apps"] });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
    },
  });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="import-credentials">
        Import credentials…
      </button>
    );
  }
  const ready = clientId.trim().length > 0 && clientSecret.trim().length > 0;
  return (
    <form
      className="form"
      data-testid="import-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) save.mutate();
      }}
    >
      <label>
        Client ID
        <input id="import-client-id" className="mono" value={clientId} onChange={(e) => setClientId(e.target.value)} autoFocus />
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
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!ready || save.isPending}>
          {save.isPending ? "Saving…" : "Keep in the encrypted store"}
        </button>
      </div>
    </form>
  );
}

function AppTokens(props: { app: string }) {
  const { app } = props;
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens", app], queryFn: () => commands.tokensList(app) });
  const [created, setCreated] = useState<CreatedTokenShown | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["tokens", app] });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
  const create = useMutation({
    mutationFn: () => commands.tokenCreate(app),
    onSuccess: (view) => {
      setCreated(view);
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (tail: string) => commands.tokenRevoke(app, tail),
    onSuccess: () => {
      setConfirming(null);
      refresh();
    },
  });

  return (
    <section className="card" data-testid="tokens">
      <div className="toolbar">
        <h2>App tokens</h2>
        <button
          type="button"
          className="primary"
          onClick={() => create.mutate()}
          disabled={create.isPending}
          data-testid="token-create"
        >
          {create.isPending ? "Generating…" : "Generate token"}
        </button>
      </div>
      {create.error ? <ErrorNotice error={create.error} /> : null}
      {created ? (
        <div className="banner ok" role="status" data-testid="token-created">
          <p>
            New token <span className="mono secret" data-testid="token-created-value">{created.token_mask}</span>, kept
            in your encrypted store. Copy it from here; the page never holds its value.
          </p>
          <CopyButton source={{ app, secret: { kind: "app_token", tail: created.tail } }} testId="token-copy" />{" "}
          <button
            type="button"
            onClick={() => {
              setCreated(null);
              create.reset();
            }}
            data-testid="token-created-done"
          >
            Done
          </button>
        </div>
      ) : null}
      {tokens.isPending ? <p className="muted">Listing tokens…</p> : null}
      {tokens.isError ? <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {tokens.data?.sync_error ? (
        <div className="banner warn" role="status">
          Only the tokens kept here are shown: {tokens.data.sync_error.message}
        </div>
      ) : null}
      {tokens.data && tokens.data.tokens.length === 0 ? <p className="muted">No app tokens yet.</p> : null}
      {tokens.data && tokens.data.tokens.length > 0 ? (
        <table className="table" data-testid="tokens-table">
          <thead>
            <tr>
              <th>Token</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.tokens.map((token, index) => (
              <TokenRow
                key={`${token.tail ?? "?"}-${index}`}
                app={app}
                token={token}
                confirming={confirming !== null && confirming === token.tail}
                onAskRevoke={() => setConfirming(token.tail)}
                onCancel={() => setConfirming(null)}
                onRevoke={() => token.tail && revoke.mutate(token.tail)}
                revoking={revoke.isPending}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {revoke.error ? <ErrorNotice error={revoke.error} /> : null}
    </section>
  );
}

function TokenRow(props: {
  app: string;
  token: AppTokenView;
  confirming: boolean;
  revoking: boolean;
  onAskRevoke: () => void;
  onCancel: () => void;
  onRevoke: () => void;
}) {
  const { token } = props;
  const active = token.revoked_at === null && token.listed_on_platform;
  return (
    <tr data-testid={`token-row-${token.tail ?? "unknown"}`}>
      <td className="mono">
        <span className="nowrap">
          {token.token}{" "}
          {token.created_here ? (
            <span className="badge">created here</span>
          ) : (
            <span className="badge" title="Listed by the platform; not created in this console">
              created elsewhere
            </span>
          )}
        </span>
      </td>
      <td className="nowrap">{formatWhen(token.created_at)}</td>
      <td className="nowrap">{formatWhen(token.expires_at)}</td>
      <td>
        {token.revoked_at ? (
          <span className="badge fail">revoked {formatWhen(token.revoked_at)}</span>
        ) : token.listed_on_platform ? (
          <span className="badge ok">active</span>
        ) : (
          <span className="badge">not listed</span>
        )}
      </td>
      <td className="row-actions">
        {active && token.created_here && token.tail ? (
          <CopyButton source={{ app: props.app, secret: { kind: "app_token", tail: token.tail } }} />
        ) : null}{" "}
        {active && token.tail && token.revocable && !props.confirming ? (
          <button type="button" className="danger" onClick={props.onAskRevoke} data-testid={`token-revoke-${token.tail}`}>
            Revoke
          </button>
        ) : null}
        {active && !token.revocable ? (
          <span className="muted" data-testid={`token-masked-${token.tail ?? "unknown"}`}>
            Listed masked: revoking it needs the whole token.
          </span>
        ) : null}
        {props.confirming ? (
          <span className="confirm" role="group" aria-label="Confirm revoke">
            Revoke {token.token}? Apps using it stop working.{" "}
            <button type="button" onClick={props.onCancel} autoFocus>
              Cancel
            </button>{" "}
            <button
              type="button"
              className="danger"
              onClick={props.onRevoke}
              disabled={props.revoking}
              data-testid={`token-revoke-confirm-${token.tail}`}
            >
              {props.revoking ? "Revoking…" : "Revoke"}
            </button>
          </span>
        ) : null}
      </td>
    </tr>
  );
}
