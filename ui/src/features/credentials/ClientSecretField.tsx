// A kept client secret as a field: its mask, Reveal/Hide and Copy (by reference). Used by
// the Credentials tab and by the new-app screen.
import { useState } from "react";
import { CopyButton } from "../../components/CopyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useRevealSecret } from "./hooks";

/**
 * A kept client secret: its mask, Reveal/Hide and Copy. The secret itself comes into the
 * page only on Reveal (an explicit request to Rust), lives only in this component's state
 * and is forgotten on Hide; Copy names it by reference, so Rust reads the store.
 */
export function ClientSecretField(props: { app: string; mask: string; testId: string }) {
  const { app } = props;
  const [revealed, setRevealed] = useState<string | null>(null);
  const reveal = useRevealSecret(app);
  return (
    <>
      <span className="mono secret" data-testid={props.testId}>
        {revealed ?? props.mask}
      </span>{" "}
      {revealed ? (
        <button
          type="button"
          className="copy-button"
          onClick={() => {
            // Forget the secret everywhere this page held it, the mutation's cache included.
            setRevealed(null);
            reveal.reset();
          }}
          data-testid="hide-secret"
        >
          Hide
        </button>
      ) : (
        <button
          type="button"
          className="copy-button"
          onClick={() => reveal.mutate(undefined, { onSuccess: (view) => setRevealed(view.client_secret) })}
          disabled={reveal.isPending} data-testid="reveal-secret">
          {reveal.isPending ? "Revealing…" : "Reveal"}
        </button>
      )}{" "}
      <CopyButton source={{ app, secret: { kind: "client_secret" } }} testId="copy-client-secret" />
      {reveal.error ? <ErrorNotice error={reveal.error} /> : null}
    </>
  );
}
