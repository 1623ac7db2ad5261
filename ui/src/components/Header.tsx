import type { ProfileSummary } from "../api/commands";

export function Header(props: { profile: ProfileSummary | null; loading: boolean }) {
  return (
    <header className="header">
      <div className="header-title">inTandem App Console</div>
      <div className="profile-chip" data-testid="current-profile">
        {props.loading ? (
          <span className="muted">Loading…</span>
        ) : props.profile ? (
          <>
            <span className={`env-dot env-${props.profile.kind}`} aria-hidden />
            <span className="profile-name">{props.profile.name}</span>
            <span className="muted">{props.profile.api_base}</span>
          </>
        ) : (
          <span className="muted">No profile</span>
        )}
      </div>
    </header>
  );
}
