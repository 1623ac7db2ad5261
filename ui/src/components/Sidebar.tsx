export type View = "profiles" | "apps";

const NAV: { view: View; label: string; icon: string }[] = [
  { view: "profiles", label: "Profiles", icon: "◎" },
  { view: "apps", label: "Apps", icon: "▦" },
];

export function Sidebar(props: { view: View; onNavigate: (view: View) => void; version?: string }) {
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
      <div className="sidebar-footer">{props.version ? `v${props.version}` : ""}</div>
    </nav>
  );
}
