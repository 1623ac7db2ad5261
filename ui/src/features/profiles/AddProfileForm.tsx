// The Add profile form: an environment plus a directory token, which Rust checks against
// the platform before saving. Owns the form's own state and its one trivial check (a
// field left empty, a URL that is not absolute); what a refusal means comes from the
// error table's `add_profile` column.
import { useState, type FormEvent } from "react";
import type { NewProfileInput } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { closeOnEscape, useFocusOnMount } from "../../hooks/focus";
import { useAddProfile } from "./hooks";
import { InsecureHttpCheckbox, TokenInput } from "./ProfileFields";
import { urlProblem } from "./urls";

type EnvironmentChoice = "production" | "custom";

/**
 * Adds a profile: an environment plus a directory token, which the console checks
 * against the platform before saving. The token field is masked, and the token is
 * never shown again (profiles show `…abcd`).
 */
export function AddProfileForm(props: { onDone: () => void }) {
  const [name, setName] = useState("");
  const [environment, setEnvironment] = useState<EnvironmentChoice>("production");
  const [apiBase, setApiBase] = useState("");
  const [brandUrl, setBrandUrl] = useState("");
  const [token, setToken] = useState("");
  const [makeCurrent, setMakeCurrent] = useState(true);
  const [allowInsecure, setAllowInsecure] = useState(false);

  const add = useAddProfile();
  const first = useFocusOnMount<HTMLInputElement>();

  const nameProblem = name.trim() ? null : "Give the profile a name.";
  const apiProblem = environment === "custom" ? urlProblem(apiBase) : null;
  const brandProblem = environment === "custom" ? urlProblem(brandUrl) : null;
  const tokenProblem = token.trim() ? null : "Paste the directory API token.";
  const valid = !nameProblem && !apiProblem && !brandProblem && !tokenProblem;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    const input: NewProfileInput = {
      name: name.trim(),
      environment:
        environment === "production"
          ? { kind: "production" }
          : { kind: "custom", api_base: apiBase.trim(), brand_url: brandUrl.trim() },
      directory_token: token.trim(),
      make_current: makeCurrent,
      allow_insecure_http: environment === "custom" && allowInsecure,
    };
    add.mutate(input, {
      onSuccess: () => {
        setToken("");
        props.onDone();
      },
    });
  }

  return (
    <form className="card form" onSubmit={submit} onKeyDown={closeOnEscape(props.onDone)} data-testid="add-profile">
      <h2>Add a profile</h2>
      <label>
        Name
        <input id="profile-name" ref={first} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset>
        <legend>Environment</legend>
        <label className="inline">
          <input
            type="radio"
            name="environment"
            checked={environment === "production"}
            onChange={() => setEnvironment("production")}
          />
          Production <span className="muted small">api.vcita.biz · app.vcita.com</span>
        </label>
        <label className="inline">
          <input
            type="radio"
            name="environment"
            checked={environment === "custom"}
            onChange={() => setEnvironment("custom")}
          />
          Custom <span className="muted small">another API base or a white-label brand host</span>
        </label>
      </fieldset>
      {environment === "custom" ? (
        <>
          <label>
            API base URL
            <input
              id="profile-api-base"
              value={apiBase}
              onChange={(e) => setApiBase(e.target.value)}
              placeholder="https://api.example.com"
              aria-invalid={apiBase.length > 0 && apiProblem !== null}
            />
          </label>
          {apiBase.length > 0 && apiProblem ? <p className="field-error">{apiProblem}</p> : null}
          <label>
            Brand URL
            <input
              id="profile-brand-url"
              value={brandUrl}
              onChange={(e) => setBrandUrl(e.target.value)}
              placeholder="https://app.example.com"
              aria-invalid={brandUrl.length > 0 && brandProblem !== null}
            />
          </label>
          {brandUrl.length > 0 && brandProblem ? <p className="field-error">{brandProblem}</p> : null}
          <InsecureHttpCheckbox id="profile-allow-insecure" checked={allowInsecure} onChange={setAllowInsecure} />
        </>
      ) : null}
      <label>
        Directory API token
        <TokenInput id="profile-token" value={token} onChange={setToken} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={makeCurrent} onChange={(e) => setMakeCurrent(e.target.checked)} />
        Use this profile now
      </label>
      {add.error ? <ErrorNotice error={add.error} context="add_profile" testId="add-profile-error" /> : null}
      <div className="actions">
        <button type="button" onClick={props.onDone} data-testid="add-profile-cancel">
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!valid || add.isPending}>
          {add.isPending ? "Checking the token…" : "Check and save"}
        </button>
      </div>
    </form>
  );
}
