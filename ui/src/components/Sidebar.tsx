// The main navigation (Profiles, Apps, Checks, Requests; the end-to-end tests reach its
// buttons by position, so a new entry goes last), the theme switch and the version.

import { useState } from "react";
import { applyTheme, loadTheme, nextTheme, type Theme } from "../theme";
import { NAV, THEME_LABEL, type View } from "./labels";

export function Sidebar(props: { view: View; onNavigate: (view: View) => void; version?: string | undefined }) {
  const [theme, setTheme] = useState<Theme>(loadTheme);
  function cycleTheme() {
    const next = nextTheme(theme);
    applyTheme(next);
    setTheme(next);
  }
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          iT
        </span>
        <span className="brand-name">App Console</span>
      </div>
      <ul className="nav">
        {NAV.map((item) => (
          <li key={item.view}>
            <button
              type="button"
              className={item.view === props.view ? "nav-item active" : "nav-item"}
              aria-current={item.view === props.view ? "page" : undefined}
              onClick={() => props.onNavigate(item.view)}
            >
              <span className="nav-icon" aria-hidden>
                {item.icon}
              </span>
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">
        <button type="button" className="link-button" onClick={cycleTheme} data-testid="theme-toggle">
          {THEME_LABEL[theme]}
        </button>
        <span>{props.version ? `v${props.version}` : ""}</span>
      </div>
    </nav>
  );
}
