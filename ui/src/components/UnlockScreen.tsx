// The unlock screen: the store's passphrase (or, on a first run without a keyring, a new
// one, typed twice). Its length rule is the form's own; whether it opens the store is
// Rust's answer.
import { useState, type FormEvent } from "react";
import type { PassphrasePrompt } from "../api/bindings";
import { useUnlockStore } from "../api/overview";
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
      {props.prompt.keyring_unavailable ? (
        <p className="muted small">Keyring: {props.prompt.keyring_unavailable}</p>
      ) : null}
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
