// The OAuth form's two decisions that are the page's own: which redirect URI it offers
// first, and whether the system browser can be offered (the console's loopback listener
// serves plain http on this machine only).
import type { RedirectUriEntry } from "../../api/bindings";

/** Whether the system browser can be used: the loopback listener serves only http on this machine. */
export function isLoopback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/** The first OAuth redirect URI, else the landing page. */
export function defaultRedirectUri(uris: RedirectUriEntry[]): string {
  return (uris.find((entry) => entry.role === "o_auth") ?? uris.find((entry) => entry.role === "landing_page"))?.uri ?? "";
}
