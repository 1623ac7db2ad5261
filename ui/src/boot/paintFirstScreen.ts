// The first screen drawn without the app: the frame, the header and the apps list's first
// rows, as plain DOM from the data the shell put in the page (src-tauri/shell/first_screen.rs).
// It is what the app's first render draws (App.tsx, AppsView.tsx, AppRows.tsx; the test
// beside this file compares the two), shown ~50 ms sooner, and inert: the app replaces it
// before anything can be clicked (main.tsx). Any other first screen (no profile, a locked
// store, a start-up problem, no cached apps) is left to the app.
import type { FirstScreen } from "../api/bindings";
import { formatWhen } from "../format";
import { isFirstRun } from "../features/apps/firstRun";
import { compare, indexApps } from "../features/apps/order";
import { loadTheme } from "../theme";
import { KEY_SOURCE_LABEL, NAV, THEME_LABEL } from "../components/labels";

/** The rows' height in the list (AppRows.tsx). */
const ROW_HEIGHT = 38;

type Child = Node | string | null | false;

/**
 * An element with its attributes and children (`class` for className). `style` is set
 * through the CSSOM, as the app sets it: the CSP (style-src 'self') drops style attributes.
 */
function h(tag: string, attributes: Record<string, string> | null, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (name === "style") element.style.cssText = value;
    else element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== false) element.append(child);
  return element;
}

/** An inline SVG (the header's padlock and the chip's caret). */
function svg(className: string, size: number, viewBox: string, inner: string): Node {
  const template = document.createElement("template");
  template.innerHTML = `<svg class="${className}" width="${size}" height="${size}" viewBox="${viewBox}" aria-hidden="true" focusable="false">${inner}</svg>`;
  return template.content.firstChild!;
}

const LOCK = '<rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor"></rect><path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.6"></path>';
const CARET = '<path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" stroke-width="1.5"></path>';

/**
 * Draws the apps list from `first` into a new element before `#root`, and returns it; or
 * returns null, drawing nothing, when the first screen is not the apps list.
 */
export function paintFirstScreen(first: FirstScreen, root: HTMLElement): HTMLElement | null {
  const { overview, apps } = first;
  const profile = overview.current_profile;
  const drawable =
    overview.store.unlocked && !overview.store.passphrase_prompt && !overview.startup_error && profile && apps && apps.total > 0;
  if (!drawable) return null;

  const sidebar = h(
    "nav",
    { class: "sidebar", "aria-label": "Main" },
    h("div", { class: "brand" }, h("span", { class: "brand-mark" }, "iT"), h("span", { class: "brand-name" }, "App Console")),
    h(
      "ul",
      { class: "nav" },
      ...NAV.map((item) =>
        h(
          "li",
          null,
          h("button", { type: "button", class: item.view === "apps" ? "nav-item active" : "nav-item" }, h("span", { class: "nav-icon" }, item.icon), item.label),
        ),
      ),
    ),
    h(
      "div",
      { class: "sidebar-footer" },
      h("button", { type: "button", class: "link-button" }, THEME_LABEL[loadTheme()]),
      h("span", null, `v${overview.version}`),
    ),
  );

  const keySource = overview.store.key_source;
  const header = h(
    "header",
    { class: "header" },
    h("div", { class: "header-title" }, "inTandem App Console"),
    h(
      "div",
      { class: "header-right" },
      keySource ? h("span", { class: "store-chip muted small" }, svg("icon", 12, "0 0 16 16", LOCK), ` ${KEY_SOURCE_LABEL[keySource]}`) : null,
      h(
        "div",
        { class: "profile-switch" },
        h(
          "button",
          { type: "button", class: "profile-chip" },
          h("span", { class: `env-dot env-${profile.kind}` }),
          h("span", { class: "profile-name" }, profile.name),
          h("span", { class: "muted" }, profile.api_base),
          profile.insecure ? h("span", { class: "badge fail" }, "insecure") : null,
          svg("chip-caret", 10, "0 0 10 10", CARET),
        ),
      ),
    ),
  );

  const rows = indexApps(apps.rows).sort(compare("name"));
  // The rows a window shows (at least a small window's, should it not be sized yet).
  const inView = Math.min(rows.length, Math.ceil(Math.max(window.innerHeight, 600) / ROW_HEIGHT));
  const table = h(
    "div",
    { class: "vtable" },
    h(
      "div",
      { class: "vrow vhead" },
      ...["Name", "Code name", "App id", "Credentials"].map((name) => h("span", null, name)),
    ),
    h(
      "div",
      { class: "vscroll" },
      h(
        "div",
        { style: `height: ${apps.total * ROW_HEIGHT}px; position: relative;` },
        ...rows.slice(0, inView).map(({ app }, index) =>
          h(
            "div",
            { class: "vrow", style: `position: absolute; top: ${index * ROW_HEIGHT}px; left: 0px; right: 0px; height: ${ROW_HEIGHT}px;` },
            h("span", null, h("button", { type: "button", class: "row-link" }, app.name ?? "(no name)")),
            h("span", { class: "mono" }, app.app_code_name),
            h("span", { class: "mono muted" }, app.app_id ?? "—"),
            h(
              "span",
              null,
              app.has_credentials ? h("span", { class: "badge ok" }, "secret kept here") : h("span", { class: "badge" }, "no secret kept here"),
            ),
          ),
        ),
      ),
    ),
  );

  const synced = formatWhen(apps.last_synced_at, "never");
  const list = h(
    "section",
    { class: "apps" },
    h(
      "div",
      { class: "toolbar" },
      h("h1", null, "Apps"),
      h("input", { class: "search", type: "search", placeholder: "Search by name, code name or id" }),
      h(
        "label",
        { class: "muted small" },
        "Sort ",
        h(
          "select",
          null,
          h("option", null, "by name"),
          h("option", null, "by code name"),
          h("option", null, "secret kept here first"),
        ),
      ),
      h("button", { type: "button", disabled: "" }, h("span", { class: "spinner" }), " Refreshing…"),
      h("button", { type: "button" }, "Export…"),
      h("button", { type: "button" }, "Import…"),
      h("button", { type: "button", class: "primary" }, "New app"),
    ),
    isFirstRun(profile.kind, apps.with_credentials > 0) ? firstRunNote() : null,
    table,
    h("p", { class: "muted small" }, `${apps.total} of ${apps.total} apps · profile ${apps.profile} · as last synced ${synced}, refreshing…`),
  );

  const screen = h(
    "div",
    { id: "first-screen-paint", class: "frame", inert: "", "aria-busy": "true" },
    sidebar,
    h("div", { class: "main" }, header, h("main", { class: "content" }, list)),
  );
  root.before(screen);
  return screen;
}

function firstRunNote(): HTMLElement {
  return h(
    "aside",
    { class: "banner ok first-run" },
    h(
      "div",
      null,
      h(
        "p",
        null,
        "You are on the Sandbox: a copy of the platform running on this computer, with demo apps and test logins, where nothing you do reaches real customers. When you are ready, add your real platform under ",
        h("button", { type: "button", class: "link-button" }, "Profiles"),
        " with your directory API token.",
      ),
    ),
    h("button", { type: "button" }, "Got it"),
  );
}
