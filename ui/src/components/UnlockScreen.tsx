// The unlock screen: the store's passphrase (or, on a first run without a keyring, a new
// one, typed twice). Its length rule is the form's own; whether it opens the store is
// Rust's answer. When no keyring could be used, Rust's reason in plain words, how to
// start one, and Retry (the overview read again: the store may then open with the keyring).
import { useState, type FormEvent } from "react";
import type { PassphrasePrompt } from "../api/bindings";
import { useRecheckOverview, useUnlockStore } from "../api/overview";
import { useFocusOnMount } from "../hooks/focus";

const MIN_CHARS = 8;

/** Asks for the store's passphrase (or, on a first run without a keyring, a new one). */
export function UnlockScreen(props: { prompt: PassphrasePrompt }) {
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const unlock = useUnlockStore();
  const first = useFocusOnMount<HTMLInputElement>();
  const firstRun = props.prompt.first_run;
  const tooShort = firstRun && passphrase.length > 0 && passphrase.length < MIN_CHARS;
  const mismatch = firstRun && confirm.length > 0 && confirm !== passphrase;
  const canSubmit =
    passphrase.length > 0 && (!firstRun || (passphrase.length >= MIN_CHARS && confirm === passphrase));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit) return;
    unlock.mutate(passphrase, {
      onSuccess: () => {
        setPassphrase("");
        setConfirm("");
      },
    });
  }

  return (
    <form className="card unlock" onSubmit={submit} data-testid="unlock">
      <h1>{firstRun ? "Protect your local store" : "Unlock your store"}</h1>
      <p>
        {firstRun
          ? "Tokens and client secrets are kept in an encrypted file on this computer. No OS keyring is available, so choose a passphrase to encrypt it."
          : "Your tokens and client secrets are encrypted with your passphrase."}
      </p>
      {props.prompt.keyring_unavailable ? <KeyringNote reason={props.prompt.keyring_unavailable} /> : null}
      <label>
        Passphrase
        <input
          id="passphrase"
          type="password"
          ref={first}
          autoComplete={firstRun ? "new-password" : "current-password"}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-invalid={tooShort}
        />
      </label>
      {tooShort ? <p className="field-error">Use at least {MIN_CHARS} characters.</p> : null}
      {firstRun ? (
        <label>
          Repeat it
          <input
            id="passphrase-confirm"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={mismatch}
          />
        </label>
      ) : null}
      {mismatch ? <p className="field-error">The two passphrases differ.</p> : null}
      {unlock.isError ? (
        <p className="field-error" role="alert">
          {unlock.error.message}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={!canSubmit || unlock.isPending}>
        {unlock.isPending ? "Unlocking…" : firstRun ? "Create the store" : "Unlock"}
      </button>
      {firstRun ? (
        <p className="muted small">There is no way to recover a forgotten passphrase: keep it somewhere safe.</p>
      ) : null}
    </form>
  );
}

/** Rust's reason ("this session has no connection…") as a sentence of its own. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Why no keyring was used, how to start one, and Retry. */
function KeyringNote(props: { reason: string }) {
  const { recheck, checking } = useRecheckOverview();
  return (
    <div className="banner warn keyring-note" data-testid="keyring-unavailable">
      <p>
        <strong>No keyring could be used.</strong> {asSentence(props.reason)}
      </p>
      <p className="small">
        On Linux, start GNOME Keyring or KWallet and log in again, then press Retry. Or choose a passphrase below
        instead.
      </p>
      <button type="button" onClick={() => void recheck()} disabled={checking} data-testid="keyring-retry">
        {checking ? "Checking…" : "Retry"}
      </button>
    </div>
  );
}
