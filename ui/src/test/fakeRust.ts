// A stand-in for Rust's as-you-type judges in the tests' mocked IPC: `app_vocabulary`,
// `app_form_check` and `redirect_uris_judge` answered as core/src/console/field_checks.rs
// answers them, with Rust's own messages. Only the rules the tests exercise are mirrored:
// the real judgement is Rust's, and the UI has no copy of it.
import type { AppFormCheck, AppInput, AppVocabulary, UriJudgement } from "../api/bindings";

export const VOCABULARY: AppVocabulary = {
  url_params: ["impersonate", "business_uid", "staff_role", "staff_uid", "payment_permissions", "language", "package", "brand_host"],
  app_types: [
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
  ],
  name_min_chars: 3,
  name_max_chars: 25,
};

function nameProblem(name: string): string | null {
  const chars = [...name.trim()].length;
  if (chars === 0) return "Give the app a name (3 to 25 characters).";
  if (chars < 3) return `The name is ${chars} characters: use at least 3.`;
  if (chars > 25) return `The name is ${chars} characters: use at most 25.`;
  return null;
}

function loopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\./.test(host);
}

/** RedirectUri::parse's refusal, as `redirect_uris_judge` words it. */
export function uriProblem(text: string): string | null {
  const q = JSON.stringify(text);
  if (!text.trim()) return "The redirect URI is empty: enter an absolute URL such as https://example.com/oauth/callback.";
  if (/\s/.test(text)) return `${q} has surrounding or inner spaces: remove them.`;
  if (text.includes("*")) return `${q} contains a wildcard (*): register each redirect URI in full.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${q} is not an absolute URL: include the scheme and host, e.g. https://example.com/oauth/callback.`;
  }
  if (text.includes("#")) {
    return `${q} has a fragment (#…): the platform appends the code to the query, so remove the fragment.`;
  }
  if (url.username || url.password) return `${q} contains a user name or password: remove them.`;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:") {
    return loopback(url.hostname)
      ? null
      : `${q} uses plain http on a host that is not loopback: use https, or http://127.0.0.1 for a local app.`;
  }
  return `${q} uses ${url.protocol.replace(":", "")}: only https is allowed, or http on a loopback address (127.0.0.1, [::1], localhost).`;
}

export function judgeUris(uris: string[]): UriJudgement[] {
  return uris.map((uri, index) => ({
    uri,
    problem: uriProblem(uri) ?? (uris.slice(0, index).includes(uri) ? "Already in the list: remove the duplicate." : null),
    warning: null,
  }));
}

export function formCheck(input: AppInput): AppFormCheck {
  return {
    name: input.name === undefined || input.name === null ? null : nameProblem(input.name),
    app_code_name:
      input.app_code_name && !/^[A-Za-z0-9]+$/.test(input.app_code_name.trim())
        ? `The app code name ${JSON.stringify(input.app_code_name.trim())} is not valid: the platform accepts only letters a-z, A-Z and digits 0-9 (no spaces, underscores or hyphens); choose a name like "myfirstapp".`
        : null,
    redirect_uri: input.redirect_uri === undefined || input.redirect_uri === null ? null : uriProblem(input.redirect_uri),
    url_params: null,
    oauth_redirect_uris: judgeUris(input.oauth_redirect_uris ?? []),
  };
}

/** Rust's answer to a judging command, or `undefined` for any other command. */
export function fakeJudge(cmd: string, args: unknown): { answer: unknown } | undefined {
  const payload = (args ?? {}) as { input?: AppInput; uris?: string[] };
  if (cmd === "app_vocabulary") return { answer: VOCABULARY };
  if (cmd === "app_form_check") return { answer: formCheck(payload.input ?? {}) };
  if (cmd === "redirect_uris_judge") return { answer: judgeUris(payload.uris ?? []) };
  return undefined;
}
