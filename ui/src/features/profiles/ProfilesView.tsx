// The Profiles view: the profiles in the store (tokens only as masks), switching the
// current one (after asking, if any app has unsaved edits), the Add profile and Edit
// profile forms, and Remove (after a confirmation).
import { useState } from "react";
import type { ProfileView } from "../../api/bindings";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorNotice } from "../../components/ErrorNotice";
import { InsecureBadge } from "../../components/Header";
import { useLeaveGuard } from "../../unsaved/guard";
import { AddProfileForm } from "./AddProfileForm";
import { EditProfileForm } from "./EditProfileForm";
import { useProfiles, useRemoveProfile, useSwitchProfile } from "./hooks";

export function ProfilesView() {
  const profiles = useProfiles();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ProfileView | null>(null);
  const [removing, setRemoving] = useState<ProfileView | null>(null);
  const switchProfile = useSwitchProfile();
  const remove = useRemoveProfile();
  const guard = useLeaveGuard();
  if (adding) return <AddProfileForm onDone={() => setAdding(false)} />;
  if (editing) return <EditProfileForm profile={editing} onDone={() => setEditing(null)} />;
  const addButton = (
    <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="add-profile-button">
      Add profile
    </button>
  );
  if (profiles.isPending) return <p className="muted" role="status">Loading profiles…</p>;
  if (profiles.isError) {
    return <EmptyState title="The profiles could not be read" body={profiles.error.message} />;
  }
  if (profiles.data.length === 0) {
    return (
      <EmptyState
        title="No profiles yet"
        body="A profile is an environment (API base URL and brand URL) plus a directory API token, kept in your encrypted store."
        action={addButton}
      />
    );
  }
  return (
    <section data-testid="profiles-view">
      <div className="toolbar">
        <h1>Profiles</h1>
        {addButton}
      </div>
      {switchProfile.error ? <ErrorNotice error={switchProfile.error} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} testId="profile-remove-error" /> : null}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Environment</th>
            <th>API base</th>
            <th>Brand URL</th>
            <th>Token</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {profiles.data.map((profile) => (
            <tr key={profile.id} aria-current={profile.is_current ? "true" : undefined}>
              <td>
                {profile.name} {profile.is_current ? <span className="badge ok">current</span> : null}{" "}
                {profile.insecure ? <InsecureBadge /> : null}
              </td>
              <td>
                <span className={`env-dot env-${profile.kind}`} aria-hidden /> {profile.kind}
              </td>
              <td className="mono">{profile.api_base}</td>
              <td className="mono">{profile.brand_url}</td>
              <td className="mono muted">{profile.directory_token}</td>
              <td className="row-actions">
                {profile.is_current ? null : (
                  <button
                    type="button"
                    onClick={() => guard(undefined, () => switchProfile.mutate(profile.name))}
                    disabled={switchProfile.isPending}
                    data-testid={`use-profile-${profile.name}`}
                  >
                    Use
                  </button>
                )}
                <button type="button" onClick={() => setEditing(profile)} data-testid={`profile-edit-${profile.name}`}>
                  Edit
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => setRemoving(profile)}
                  disabled={remove.isPending}
                  data-testid={`profile-remove-${profile.name}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removing ? (
        <ConfirmDialog
          title={`Remove profile ${removing.name}?`}
          keepLabel="Keep it"
          discardLabel="Remove"
          testId="profile-remove-confirm"
          onKeep={() => setRemoving(null)}
          onDiscard={() => {
            const name = removing.name;
            setRemoving(null);
            // Removing the current profile leaves its apps' screens: unsaved edits are asked about first.
            if (removing.is_current) guard(undefined, () => remove.mutate(name));
            else remove.mutate(name);
          }}
        >
          <p>
            Its directory token, and what this console keeps for its apps (client secrets, tokens, OAuth tests), are
            deleted from this computer. The apps on the platform are not changed; the history keeps its entries.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
