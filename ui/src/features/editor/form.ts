// The app settings form's model: every editable field as its input holds it (text, lists
// as text), made from an app, and turned back into the update to send. Which fields the
// person edited is decided here, against the form as it was loaded; what those edits
// change on the platform, and whether the values are acceptable, is Rust's to say
// (app_update_preview, app_form_check). The only checks here are the form's own: menu
// items must parse as JSON, and a link field must hold an absolute http(s) URL.
import type { App, AppDescription, AppFormCheck, AppInput, MenuItems } from "../../api/bindings";

export type Form = {
  name: string;
  redirect_uri: string;
  short_description: string;
  description_text: string;
  logo: string;
  app_type: string;
  url_params: string[];
  scopes: string;
  demand_scopes: string;
  access_token_format: string;
  client_auth_jwks_uri: string;
  app_features: string;
  contact_support_link: string;
  privacy_policy_link: string;
  locales: string;
  supported_countries: string;
  app_screenshot_uris: string;
  app_mobile_screenshot_uris: string;
  api_uri: string;
  app_layer: string;
  open_in_new_tab: boolean;
  full_screen: boolean;
  personal_connection: boolean;
  deep_link: string;
  menu_items: string;
};

export type FieldKey = keyof Form;
export type FlagKey = "open_in_new_tab" | "full_screen" | "personal_connection";

/** The settings draft kept above the tabs: the form, and the app it was edited against. */
export type SettingsDraft = { base: App; form: Form };

/** The input's id, so labels, tests and error focus can reach it: `edit-redirect-uri`. */
export function inputId(key: FieldKey): string {
  return `edit-${key.replace(/_/g, "-")}`;
}

const FIELD_KEYS: FieldKey[] = [
  "name", "redirect_uri", "short_description", "description_text", "logo", "app_type", "url_params", "scopes",
  "demand_scopes", "access_token_format", "client_auth_jwks_uri", "app_features", "contact_support_link",
  "privacy_policy_link", "locales", "supported_countries", "app_screenshot_uris", "app_mobile_screenshot_uris",
  "api_uri", "app_layer", "open_in_new_tab", "full_screen", "personal_connection", "deep_link", "menu_items",
];

/** The form field a Rust/platform error's `field` names, if it has an input here. */
export function fieldKeyFor(field: string | undefined): FieldKey | null {
  if (!field) return null;
  const [head, sub] = field.split(/[.[]/);
  if (head === "description") {
    if (sub === "text") return "description_text";
    if (sub === "logo") return "logo";
    return "short_description";
  }
  if (head === "app_types") return "app_type";
  return FIELD_KEYS.includes(head as FieldKey) ? (head as FieldKey) : null;
}

const join = (list: string[] | undefined) => (list ?? []).join(", ");

export function formFromApp(app: App): Form {
  const deepLink = app.deep_link;
  return {
    name: app.name ?? "",
    redirect_uri: app.redirect_uri ?? "",
    short_description: app.description?.short_description ?? "",
    description_text: app.description?.text ?? "",
    logo: app.description?.logo ?? "",
    app_type: join(app.app_type ?? app.app_types),
    url_params: [...(app.url_params ?? [])],
    scopes: join(app.scopes),
    demand_scopes: join(app.demand_scopes),
    access_token_format: app.access_token_format ?? "",
    client_auth_jwks_uri: app.client_auth_jwks_uri ?? "",
    app_features: (app.app_features ?? []).join("\n"),
    contact_support_link: app.contact_support_link ?? "",
    privacy_policy_link: app.privacy_policy_link ?? "",
    locales: join(app.locales),
    supported_countries: join(app.supported_countries),
    app_screenshot_uris: join(app.app_screenshot_uris),
    app_mobile_screenshot_uris: join(app.app_mobile_screenshot_uris),
    api_uri: app.api_uri ?? "",
    app_layer: app.app_layer ?? "",
    open_in_new_tab: app.open_in_new_tab ?? false,
    full_screen: app.full_screen ?? false,
    personal_connection: app.personal_connection ?? false,
    deep_link: typeof deepLink === "string" ? deepLink : (deepLink?.path ?? ""),
    menu_items: app.menu_items ? JSON.stringify(app.menu_items, null, 2) : "",
  };
}

function parseList(text: string, separator: RegExp = /,/): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Two form values are the same (lists item by item). */
function sameValue(a: Form[FieldKey], b: Form[FieldKey]): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.join("\u0000") === b.join("\u0000") : a === b;
}

const sameList = (a: string[], b: string[]) => a.join("\u0000") === b.join("\u0000");

export function parseMenuItems(text: string): { value: MenuItems } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || !Array.isArray((value as MenuItems).subitems)) {
    return { problem: 'Use an object with a "subitems" list, e.g. {"subitems": []}.' };
  }
  return { value: value as MenuItems };
}

function urlProblem(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? null : "Use an http:// or https:// URL.";
  } catch {
    return "Enter an absolute URL, such as https://example.com/page.";
  }
}

const LINK_FIELDS = ["logo", "client_auth_jwks_uri", "contact_support_link", "privacy_policy_link", "api_uri"] as const;

/** The form's own problems (JSON, link syntax), for the fields the person edited. */
export function formProblems(form: Form, initial: Form): Partial<Record<FieldKey, string>> {
  const problems: Partial<Record<FieldKey, string>> = {};
  const edited = (key: FieldKey) => !sameValue(form[key], initial[key]);
  for (const key of LINK_FIELDS) {
    const problem = edited(key) && form[key].trim() ? urlProblem(form[key].trim()) : null;
    if (problem) problems[key] = problem;
  }
  if (edited("menu_items")) {
    if (!form.menu_items.trim()) {
      problems.menu_items = 'To remove every menu item, write {"subitems": []}.';
    } else {
      const parsed = parseMenuItems(form.menu_items);
      if ("problem" in parsed) problems.menu_items = parsed.problem;
    }
  }
  return problems;
}

/** Rust's judgement, by form field, for the fields the update sends. */
export function judgedProblems(check: AppFormCheck | undefined, input: AppInput): Partial<Record<FieldKey, string>> {
  const problems: Partial<Record<FieldKey, string>> = {};
  if (!check) return problems;
  if ("name" in input && check.name) problems.name = check.name;
  if ("redirect_uri" in input && check.redirect_uri) problems.redirect_uri = check.redirect_uri;
  if ("url_params" in input && check.url_params) problems.url_params = check.url_params;
  return problems;
}

/** The update: the fields the person edited (whether they change anything is Rust's preview to say). */
export function buildInput(form: Form, app: App): AppInput {
  const initial = formFromApp(app);
  const input: AppInput = {};
  const set = (key: keyof AppInput, value: unknown) => ((input as Record<string, unknown>)[key] = value);
  const text = (key: FieldKey & keyof AppInput) => {
    const value = String(form[key]).trim();
    if (value !== String(initial[key]).trim()) set(key, value);
  };
  const list = (key: FieldKey & keyof AppInput, separator?: RegExp) => {
    const value = parseList(String(form[key]), separator);
    if (!sameList(value, parseList(String(initial[key]), separator))) set(key, value);
  };
  const flag = (key: FlagKey) => {
    if (form[key] !== initial[key]) input[key] = form[key];
  };

  text("name");
  text("redirect_uri");
  const descriptionKeys = [
    ["short_description", "short_description"],
    ["description_text", "text"],
    ["logo", "logo"],
  ] as const;
  if (descriptionKeys.some(([key]) => form[key].trim() !== initial[key].trim())) {
    // The description is sent whole: the parts not edited here are kept as they are.
    const description: AppDescription = { ...(app.description ?? {}) };
    for (const [key, target] of descriptionKeys) {
      const value = form[key].trim();
      if (value || target in description) description[target] = value;
    }
    input.description = description;
  }
  list("app_type");
  if (!sameList([...form.url_params].sort(), [...initial.url_params].sort())) input.url_params = form.url_params;
  list("scopes");
  list("demand_scopes");
  if (form.access_token_format && form.access_token_format !== initial.access_token_format) {
    input.access_token_format = form.access_token_format;
  }
  text("client_auth_jwks_uri");
  list("app_features", /\n/);
  text("contact_support_link");
  text("privacy_policy_link");
  list("locales");
  list("supported_countries");
  // The update body takes the screenshots as one comma-separated string.
  for (const key of ["app_screenshot_uris", "app_mobile_screenshot_uris"] as const) {
    const value = parseList(form[key]);
    if (!sameList(value, parseList(initial[key]))) input[key] = value.join(",");
  }
  text("api_uri");
  text("app_layer");
  flag("open_in_new_tab");
  flag("full_screen");
  flag("personal_connection");
  if (form.deep_link.trim() !== initial.deep_link.trim()) {
    // Only the path is edited here; the link's parameters are kept as they are.
    const path = form.deep_link.trim();
    input.deep_link = typeof app.deep_link === "string" ? path : { ...(app.deep_link ?? {}), path };
  }
  if (form.menu_items !== initial.menu_items && form.menu_items.trim()) {
    const parsed = parseMenuItems(form.menu_items);
    if ("value" in parsed) input.menu_items = parsed.value;
  }
  return input;
}

/** The form over a newer app: the fields the person edited keep their edits, the others follow the app. */
export function rebase(form: Form, oldApp: App, newApp: App): Form {
  const before = formFromApp(oldApp);
  const next = formFromApp(newApp);
  for (const key of FIELD_KEYS) {
    if (!sameValue(form[key], before[key])) (next as Record<FieldKey, unknown>)[key] = form[key];
  }
  return next;
}

/** The form a settings draft shows over `app` (the app's own form when there is no draft). */
export function formOf(draft: SettingsDraft | undefined, app: App): Form {
  if (!draft) return formFromApp(app);
  return draft.base === app ? draft.form : rebase(draft.form, draft.base, app);
}

/** The fields whose input differs from the form as loaded: what a draft keeps, typed text included. */
export function editedFields(form: Form, app: App): FieldKey[] {
  const initial = formFromApp(app);
  return FIELD_KEYS.filter((key) => !sameValue(form[key], initial[key]));
}
