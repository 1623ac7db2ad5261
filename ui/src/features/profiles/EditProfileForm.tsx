// The Edit profile form: rename, point elsewhere (API base, brand URL, plain http) and
// rotate the directory token. Only what changed is sent (`ProfileEdit`); Rust checks a new
// token or API base with the platform before anything is replaced, so a refusal leaves the
// profile as it was (the error table's `edit_profile` column says so). The built-in
// Sandbox profile follows the sandbox: only its name can change.
import { useState, type FormEvent } from "react";
import type { ProfileEdit, ProfileView } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { closeOnEscape, useFocusOnMount } from "../../hooks/focus";
import { useEditProfile } from "./hooks";
import { InsecureHttpCheckbox, TokenInput } from "./ProfileFields";
import { urlProblem } from "./urls";

/** The changed fields only; `directory_token` is null unless a new token was typed. */
function changes(profile: ProfileView, values: { name: string; apiBase: string; brandUrl: string; insecure: boolean; token: string }) {
  const edit: ProfileEdit = { directory_token: values.token.trim() === "" ? null : values.token.trim() };
  if (values.name.trim() !== profile.name) edit.name = values.name.trim();
  if (profile.kind !== "sandbox") {
    if (values.apiBase.trim() !== profile.api_base) edit.api_base = values.apiBase.trim();
    if (values.brandUrl.trim() !== profile.brand_url) edit.brand_url = values.brandUrl.trim();
    if (values.insecure !== profile.insecure) edit.allow_insecure_http = values.insecure;
  }
  return edit;
}

export function EditProfileForm(props: { profile: ProfileView; onDone: () => void }) {
  const { profile } = props;
  const sandbox = profile.kind === "sandbox";
  const [name, setName] = useState(profile.name);
  const [apiBase, setApiBase] = useState(profile.api_base);
  const [brandUrl, setBrandUrl] = useState(profile.brand_url);
  const [insecure, setInsecure] = useState(profile.insecure);
  const [rotating, setRotating] = useState(false);
  const [token, setToken] = useState("");
  const save = useEditProfile();
  const first = useFocusOnMount<HTMLInputElement>();

  const edit = changes(profile, { name, apiBase, brandUrl, insecure, token: rotating ? token : "" });
  const changed = Object.entries(edit).some(([, value]) => value !== null && value !== undefined);
  const checked = edit.directory_token !== null || edit.api_base !== undefined;
  const problems = {
    name: name.trim() ? null : "Give the profile a name.",
    api: sandbox ? null : urlProblem(apiBase),
    brand: sandbox ? null : urlProblem(brandUrl),
    token: rotating && !token.trim() ? "Paste the new directory API token." : null,
  };
  const valid = Object.values(problems).every((problem) => problem === null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid || !changed || save.isPending) return;
    save.mutate(
      { name: profile.name, edit },
      {
        onSuccess: () => {
          setToken("");
          props.onDone();
        },
      },
    );
  }

  return (
    <form className="card form" onSubmit={submit} onKeyDown={closeOnEscape(props.onDone)} data-testid="edit-profile">
      <h2>Edit profile {profile.name}</h2>
      <label>
        Name
        <input id="edit-profile-name" ref={first} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problems.name !== null} />
      </label>
      {problems.name ? <p className="field-error">{problems.name}</p> : null}
      {sandbox ? (
        <p className="muted small" data-testid="edit-profile-sandbox">
          The Sandbox profile follows the sandbox on this computer: its addresses and token cannot change, only its name.
        </p>
      ) : (
        <>
          <label>
            API base URL
            <input id="edit-profile-api-base" value={apiBase} onChange={(e) => setApiBase(e.target.value)} aria-invalid={problems.api !== null} />
          </label>
          {problems.api ? <p className="field-error">{problems.api}</p> : null}
          <label>
            Brand URL
            <input id="edit-profile-brand-url" value={brandUrl} onChange={(e) => setBrandUrl(e.target.value)} aria-invalid={problems.brand !== null} />
          </label>
          {problems.brand ? <p className="field-error">{problems.brand}</p> : null}
          <InsecureHttpCheckbox id="edit-profile-allow-insecure" checked={insecure} onChange={setInsecure} />
          {rotating ? (
            <label>
              New directory API token
              <TokenInput id="edit-profile-token" value={token} onChange={setToken} />
              <span className="muted small">
                Checked with the platform first: the old token ({profile.directory_token}) stays unless the platform accepts this one.
              </span>
            </label>
          ) : (
            <div>
              <button type="button" onClick={() => setRotating(true)} data-testid="profile-rotate-token">
                Rotate token…
              </button>
            </div>
          )}
        </>
      )}
      {save.error ? <ErrorNotice error={save.error} context="edit_profile" testId="edit-profile-error" /> : null}
      <div className="actions">
        <button type="button" onClick={props.onDone} data-testid="edit-profile-cancel">
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!valid || !changed || save.isPending} data-testid="edit-profile-save">
          {save.isPending ? (checked ? "Checking with the platform…" : "Saving…") : checked ? "Check and save" : "Save"}
        </button>
      </div>
    </form>
  );
}
