import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { commands } from "../api/commands";
import { CopyButton } from "./CopyButton";
import { ErrorNotice } from "./ErrorNotice";

/**
 * A kept client secret: its mask, Reveal/Hide and Copy. The secret itself comes into the
 * page only on Reveal (an explicit request to Rust), lives only in this component's state
 * and is forgotten on Hide; Copy names it by reference, so Rust reads the store.
 */
export function ClientSecretField(props: { app: string; mask: string; testId: string }) {
  const { app } = props;
  const [revealed, setRevealed] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => commands.appCredentials(app, true),
    onSuccess: (view) => setRevealed(view.client_secret),
  });
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
          onClick={() => reveal.mutate()} disabled={reveal.isPending} data-testid="reveal-secret">
          {reveal.isPending ? "Revealing…" : "Reveal"}
        </button>
      )}{" "}
      <CopyButton source={{ app, secret: { kind: "client_secret" } }} testId="copy-client-secret" />
      {reveal.error ? <ErrorNotice error={reveal.error} /> : null}
    </>
  );
}
