// The settings form's ~30 fields, in four sections (Basics, OAuth, App market, Advanced),
// and the links that jump to each: the page is long, and the sticky bar above it keeps
// the links and the unsaved state in reach without covering any field.
import type { App, AppVocabulary } from "../../api/bindings";
import { Flag, TextField, TokenFormat, UrlParams, type FieldProps } from "./fields";
import type { FieldKey, Form } from "./form";

const SECTIONS = [
  { id: "ed-basics", label: "Basics" },
  { id: "ed-oauth", label: "OAuth" },
  { id: "ed-market", label: "App market" },
  { id: "ed-advanced", label: "Advanced" },
] as const;

/** Scrolls a section's heading into view and puts focus on its first field. */
function jumpTo(id: string) {
  const heading = document.getElementById(id);
  heading?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  heading?.closest("section")?.querySelector<HTMLElement>("input, textarea, select")?.focus({ preventScroll: true });
}

export function SectionLinks() {
  return (
    <nav className="ed-nav" aria-label="Settings sections">
      {SECTIONS.map((section) => (
        <button
          key={section.id}
          type="button"
          className="link-button"
          onClick={() => jumpTo(section.id)}
          data-testid={`editor-jump-${section.id}`}
        >
          {section.label}
        </button>
      ))}
    </nav>
  );
}

export function Sections(props: {
  form: Form;
  base: App;
  vocabulary: AppVocabulary | undefined;
  set: (key: FieldKey, value: string | boolean | string[]) => void;
  problemOf: (key: FieldKey) => string | undefined;
}) {
  const { form, base, vocabulary, set, problemOf } = props;
  const field = (key: FieldKey, label: string, extra: Partial<FieldProps> = {}) => (
    <TextField field={key} label={label} form={form} onChange={set} problem={problemOf(key)} {...extra} />
  );
  const nameHint = vocabulary
    ? `${vocabulary.name_min_chars} to ${vocabulary.name_max_chars} characters, as shown in the app market.`
    : "As shown in the app market.";
  const [basics, oauth, market, advanced] = SECTIONS;
  return (
    <>
      <section className="card ed-section" aria-labelledby={basics.id}>
        <h3 id={basics.id}>{basics.label}</h3>
        {field("name", "Name", { hint: nameHint })}
        {field("redirect_uri", "Landing page (redirect_uri)", {
          mono: true,
          hint: "The page the platform opens in the app's frame.",
          placeholder: "https://example.com/app",
        })}
        {field("short_description", "Short description")}
        {field("description_text", "Description", { multiline: true })}
        {field("logo", "Logo URL", { mono: true, placeholder: "https://example.com/logo.png" })}
        {field("app_type", "Integration points (app_type)", {
          mono: true,
          hint: "Comma separated, e.g. menu_items, communication.",
        })}
      </section>

      <section className="card ed-section" aria-labelledby={oauth.id}>
        <h3 id={oauth.id}>{oauth.label}</h3>
        <UrlParams
          known={vocabulary?.url_params}
          selected={form.url_params}
          onChange={(next) => set("url_params", next)}
          problem={problemOf("url_params")}
        />
        {field("scopes", "Scopes", { mono: true, hint: "Comma separated." })}
        {field("demand_scopes", "Demand scopes", { mono: true, hint: "Comma separated." })}
        <TokenFormat
          value={form.access_token_format}
          platformDefault={!base.access_token_format}
          onChange={(value) => set("access_token_format", value)}
          problem={problemOf("access_token_format")}
        />
        {field("client_auth_jwks_uri", "Client auth JWKS URI", { mono: true })}
        <div className="ed-readonly" data-testid="editor-trusted">
          <span className="ed-readonly-label">Trusted</span>{" "}
          <span className={base.trusted ? "badge ok" : "badge"}>{base.trusted ? "Yes" : "No"}</span>
          <p className="muted small ed-hint">
            Trusted apps skip the consent screen. It is set when the app is created and a directory token cannot
            change it.
          </p>
        </div>
        <div className="ed-readonly">
          <span className="ed-readonly-label">OAuth redirect URIs</span>
          <p className="muted small ed-hint">Managed in the Redirect URIs tab.</p>
        </div>
      </section>

      <section className="card ed-section" aria-labelledby={market.id}>
        <h3 id={market.id}>{market.label}</h3>
        {field("app_features", "Features", { multiline: true, hint: "One per line." })}
        {field("contact_support_link", "Contact support link", { mono: true })}
        {field("privacy_policy_link", "Privacy policy link", { mono: true })}
        {field("locales", "Locales", { mono: true, hint: "Comma separated, e.g. en, fr." })}
        {field("supported_countries", "Supported countries", { mono: true, hint: "Comma separated, e.g. US, GB." })}
        {field("app_screenshot_uris", "Screenshot URLs", { mono: true, hint: "Comma separated." })}
        {field("app_mobile_screenshot_uris", "Mobile screenshot URLs", { mono: true, hint: "Comma separated." })}
      </section>

      <section className="card ed-section" aria-labelledby={advanced.id}>
        <h3 id={advanced.id}>{advanced.label}</h3>
        {field("api_uri", "API URI", { mono: true })}
        {field("app_layer", "App layer", { mono: true })}
        <Flag field="open_in_new_tab" problem={problemOf("open_in_new_tab")} label="Open in a new tab" form={form} onToggle={set} />
        <Flag field="full_screen" problem={problemOf("full_screen")} label="Full screen" form={form} onToggle={set} />
        <Flag field="personal_connection" problem={problemOf("personal_connection")} label="Personal connection" form={form} onToggle={set} />
        {field("deep_link", typeof base.deep_link === "string" ? "Deep link" : "Deep link path", {
          mono: true,
          hint: typeof base.deep_link === "string" ? undefined : "The path; its parameters are kept as they are.",
        })}
        {field("menu_items", "Menu items (JSON)", {
          multiline: true,
          mono: true,
          hint: 'An object such as {"subitems": [{"category": "clients", "item_name": {"en": "My page"}, "route": "page"}]}.',
        })}
      </section>
    </>
  );
}
