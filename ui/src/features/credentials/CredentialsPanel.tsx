// The Credentials & tokens tab: the app's client credentials above its app tokens.
import { AppTokens } from "./AppTokens";
import { ClientCredentials } from "./ClientCredentials";

/** The app's client id and (masked) client secret, and its app tokens. */
export function CredentialsPanel(props: { app: string }) {
  return (
    <div className="stack" data-testid="credentials-panel">
      <ClientCredentials app={props.app} />
      <AppTokens app={props.app} />
    </div>
  );
}
