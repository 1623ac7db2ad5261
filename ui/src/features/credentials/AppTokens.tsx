// An app's tokens: generating one (shown once as a mask, copied by reference), the list
// the platform and this console know (masked), and revoking one after an inline
// confirmation (focus on its Cancel, Escape to back out, focus back on Revoke).
import { useRef, useState } from "react";
import type { AppTokenView, CreatedTokenShown } from "../../api/bindings";
import { CopyButton } from "../../components/CopyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatWhen } from "../../format";
import { closeOnEscape, useFocusOnMount, useFocusWhenClosed } from "../../hooks/focus";
import { useCreateToken, useRevokeToken, useTokens } from "./hooks";
import "./credentials.css";

export function AppTokens(props: { app: string }) {
  const { app } = props;
  const tokens = useTokens(app);
  const [created, setCreated] = useState<CreatedTokenShown | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const create = useCreateToken(app);
  const revoke = useRevokeToken(app);

  return (
    <section className="card" data-testid="tokens">
      <div className="toolbar">
        <h2>App tokens</h2>
        <button
          type="button"
          className="primary"
          onClick={() => create.mutate(undefined, { onSuccess: setCreated })}
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
        <table className="table tokens-table" data-testid="tokens-table">
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
                onRevoke={() => token.tail && revoke.mutate(token.tail, { onSuccess: () => setConfirming(null) })}
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
  const revokeButton = useRef<HTMLButtonElement>(null);
  useFocusWhenClosed(props.confirming, revokeButton);
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
      <td className={props.confirming ? "row-actions confirming" : "row-actions"}>
        {active && token.created_here && token.tail ? (
          <CopyButton source={{ app: props.app, secret: { kind: "app_token", tail: token.tail } }} />
        ) : null}{" "}
        {active && token.tail && token.revocable && !props.confirming ? (
          <button
            type="button"
            className="danger"
            ref={revokeButton}
            onClick={props.onAskRevoke}
            data-testid={`token-revoke-${token.tail}`}
          >
            Revoke
          </button>
        ) : null}
        {active && !token.revocable ? (
          <span className="muted" data-testid={`token-masked-${token.tail ?? "unknown"}`}>
            Listed masked: revoking it needs the whole token.
          </span>
        ) : null}
        {props.confirming ? (
          <RevokeConfirmation
            token={token}
            revoking={props.revoking}
            onCancel={props.onCancel}
            onRevoke={props.onRevoke}
          />
        ) : null}
      </td>
    </tr>
  );
}

function RevokeConfirmation(props: { token: AppTokenView; revoking: boolean; onCancel: () => void; onRevoke: () => void }) {
  const cancel = useFocusOnMount<HTMLButtonElement>();
  return (
    <span className="confirm" role="group" aria-label="Confirm revoke" onKeyDown={closeOnEscape(props.onCancel)}>
      <span className="confirm-text">Revoke {props.token.token}? Apps using it stop working.</span>
      <button type="button" ref={cancel} onClick={props.onCancel}>
        Cancel
      </button>
      <button
        type="button"
        className="danger"
        onClick={props.onRevoke}
        disabled={props.revoking}
        data-testid={`token-revoke-confirm-${props.token.tail}`}
      >
        {props.revoking ? "Revoking…" : "Revoke"}
      </button>
    </span>
  );
}
