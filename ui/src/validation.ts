// Checks made as the user types. They mirror the Rust checks (core/src/redirect_uri.rs,
// core/src/console/app_input.rs), which stay the authority: anything these miss is
// refused by Rust with a field-named error before a request is sent.

export const NAME_MIN = 3;
export const NAME_MAX = 25;

/** The values the vendor reference allows in `url_params`. */
export const URL_PARAMS = [
  "brand_host",
  "business_uid",
  "staff_uid",
  "staff_role",
  "language",
  "impersonate",
  "payment_permissions",
  "package",
] as const;

export function nameProblem(name: string): string | null {
  const length = [...name.trim()].length;
  if (length === 0) return "Give the app a name (3 to 25 characters).";
  if (length < NAME_MIN) return `The name is ${length} characters: use at least ${NAME_MIN}.`;
  if (length > NAME_MAX) return `The name is ${length} characters: use at most ${NAME_MAX}.`;
  return null;
}

export function codeNameProblem(code: string): string | null {
  if (!code) return null;
  if (!/^[A-Za-z0-9]+$/.test(code)) return "Use letters and digits only, or leave it empty to derive one from the name.";
  return null;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why `text` is not a usable redirect URI, or null. */
export function redirectUriProblem(text: string): string | null {
  if (!text.trim()) return "Enter an absolute URL such as https://example.com/oauth/callback.";
  if (/\s/.test(text)) return "Remove the spaces.";
  if (text.includes("*")) return "Wildcards (*) are not allowed: register each redirect URI in full.";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Not an absolute URL: include the scheme and host, e.g. https://example.com/oauth/callback.";
  }
  if (!url.host) return "Not an absolute URL: include the scheme and host, e.g. https://example.com/oauth/callback.";
  if (text.includes("#")) return "Remove the fragment (#…): the platform adds the code to the query.";
  if (url.username || url.password) return "Remove the user name or password.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:") {
    return isLoopback(url.hostname)
      ? null
      : "Plain http is allowed only on loopback (127.0.0.1, [::1], localhost): use https.";
  }
  return `Use https (or http on loopback), not ${url.protocol.replace(":", "")}.`;
}

/** The form two URIs a person would read as the same share (trailing slash, host case, default port). */
function comparable(text: string): string | null {
  try {
    const url = new URL(text);
    url.hash = "";
    const path = url.pathname.replace(/\/+$/, "");
    return `${url.protocol}//${url.host}${path}${url.search}`;
  } catch {
    return null;
  }
}

export function isNearDuplicate(a: string, b: string): boolean {
  if (a === b) return false;
  const ca = comparable(a);
  return ca !== null && ca === comparable(b);
}

/** Per entry: why it is refused (invalid, duplicate), or null. */
export function redirectUriListProblems(uris: string[]): (string | null)[] {
  return uris.map((uri, index) => {
    const problem = redirectUriProblem(uri);
    if (problem) return problem;
    if (uris.indexOf(uri) < index) return "Already in the list: remove the duplicate.";
    return null;
  });
}

/** Per entry: a warning that does not block saving (a near-duplicate of another entry), or null. */
export function redirectUriListWarnings(uris: string[]): (string | null)[] {
  return uris.map((uri) => {
    const twin = uris.find((other) => isNearDuplicate(uri, other));
    return twin ? `Nearly the same as ${twin}: the platform compares exact strings, so keep only the one your app sends.` : null;
  });
}

/** The integration points the vendor reference lists for `app_type`. */
export const APP_TYPES = [
  "payments",
  "wallets",
  "communication",
  "menu_items",
  "docuforms",
  "import_clients",
  "automated_flows",
  "signatures",
  "onboarding_wizard",
  "notifications",
] as const;
