// The window's header: the console's name, how the local store is encrypted, and the
// current profile (with an "insecure" badge for plain http to another computer), whose
// chip opens the profile switcher (features/profiles/ProfileSwitcher.tsx).

import type { KeySource, ProfileView } from "../api/bindings";
import { KEY_SOURCE_LABEL } from "./labels";
import { ProfileSwitcher } from "../features/profiles/ProfileSwitcher";
import { LockIcon } from "./LockIcon";

/** Marks a profile that talks plain http to another computer (the user accepted it). */
export function InsecureBadge() {
  return (
    <span
      className="badge fail"
      data-testid="insecure-badge"
      title="Plain http to another computer: the directory token and client secrets cross the network unencrypted"
    >
      insecure
    </span>
  );
}

export function Header(props: { profile: ProfileView | null; loading: boolean; keySource: KeySource | null }) {
  return (
    <header className="header">
      <div className="header-title">inTandem App Console</div>
      <div className="header-right">
        {props.keySource ? (
          <span className="store-chip muted small" data-testid="store-state" title="How your local store is encrypted">
            <LockIcon /> {KEY_SOURCE_LABEL[props.keySource]}
          </span>
        ) : null}
        <ProfileSwitcher current={props.profile?.name ?? null}>
          {props.loading ? (
            <span className="muted">Loading…</span>
          ) : props.profile ? (
            <>
              <span className={`env-dot env-${props.profile.kind}`} aria-hidden />
              <span className="profile-name">{props.profile.name}</span>
              <span className="muted">{props.profile.api_base}</span>
              {props.profile.insecure ? <InsecureBadge /> : null}
            </>
          ) : (
            <span className="muted">No profile</span>
          )}
        </ProfileSwitcher>
      </div>
    </header>
  );
}
