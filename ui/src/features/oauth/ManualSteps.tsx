// A manual OAuth test's steps (nothing is opened: "Any browser"): copy the sign-in link
// (Rust puts the real authorize URL on the clipboard; the page never holds its state),
// sign in anywhere, then give the address the browser landed on back to Rust: read from
// the clipboard by Rust, or pasted here by hand. The run then goes on with its events.
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useCopyAuthorizeUrl, usePasteRedirect } from "./hooks";

export function ManualSteps(props: { runId: number }) {
  const { runId } = props;
  const copy = useCopyAuthorizeUrl();
  const paste = usePasteRedirect();
  const [pasted, setPasted] = useState("");
  const [copied, setCopied] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!pasted.trim() || paste.isPending) return;
    paste.mutate({ runId, url: pasted.trim() }, { onSuccess: () => setPasted("") });
  }

  return (
    <div className="oa-manual" data-testid="oauth-manual">
      <ol className="oa-manual-steps">
        <li>
          <button
            type="button"
            className="primary"
            onClick={() => copy.mutate(runId, { onSuccess: () => setCopied(true) })}
            disabled={copy.isPending}
            data-testid="oauth-copy-url"
          >
            Copy the sign-in link
          </button>{" "}
          {copied ? <span className="small muted" role="status">Copied</span> : null}
        </li>
        <li>
          Open it in any browser, sign in and approve; when the browser lands on your redirect URI (the page may not
          load), copy its address.
        </li>
        <li>
          <button type="button" onClick={() => paste.mutate({ runId, url: null })} disabled={paste.isPending} data-testid="oauth-paste-clipboard">
            Use the address on the clipboard
          </button>
        </li>
      </ol>
      {copy.error ? <ErrorNotice error={copy.error} context="oauth_paste" testId="oauth-copy-error" /> : null}
      <form className="form oa-paste" onSubmit={submit}>
        <label>
          Or paste the address here
          <input
            id="oauth-pasted-url"
            className="mono"
            autoComplete="off"
            spellCheck={false}
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
            placeholder="https://…/callback?code=…&state=…"
          />
        </label>
        <div className="actions">
          <button type="submit" disabled={!pasted.trim() || paste.isPending} data-testid="oauth-paste-submit">
            Use this address
          </button>
        </div>
      </form>
      {paste.error ? <ErrorNotice error={paste.error} context="oauth_paste" testId="oauth-paste-error" /> : null}
    </div>
  );
}
