// The launch form: which business and staff member to open the app as (Rust's list of the
// directory's businesses; a blocked business and staff who cannot sign in are shown but
// cannot be chosen), whether to probe the app's state check, and Launch. When the list
// cannot be read, Launch still works with Rust's defaults.
import type { UseQueryResult } from "@tanstack/react-query";
import type { BusinessView } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { businessLabel, staffLabel } from "./choices";

export type LaunchChoice = {
  business: BusinessView | undefined;
  staffUid: string | undefined;
  probe: boolean;
};

export function LaunchForm(props: {
  businesses: UseQueryResult<BusinessView[]>;
  choice: LaunchChoice;
  onBusiness: (uid: string) => void;
  onStaff: (uid: string) => void;
  onProbe: (probe: boolean) => void;
  /** Why Launch cannot be pressed now, if it cannot. */
  blocked: string | null;
  busy: boolean;
  launchLabel: string;
  onLaunch: () => void;
}) {
  const { businesses, choice, busy } = props;
  const list = businesses.data;
  return (
    <form
      className="form ln-form"
      data-testid="launch-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onLaunch();
      }}
    >
      {businesses.isPending ? (
        <p className="muted small" role="status" data-testid="launch-businesses-loading">
          Reading the directory&apos;s businesses… Launch now opens the app in the first business, as its owner.
        </p>
      ) : null}
      {businesses.isError ? (
        <>
          <ErrorNotice error={businesses.error} onRetry={() => void businesses.refetch()} testId="launch-businesses-error" />
          <p className="small muted">Launch still works: it opens the app in the directory&apos;s first business, as its owner.</p>
        </>
      ) : null}
      {list && list.length > 0 ? (
        <>
          <label htmlFor="launch-business">Business</label>
          <select
            id="launch-business"
            value={choice.business?.uid ?? ""}
            onChange={(event) => props.onBusiness(event.target.value)}
            disabled={busy}
          >
            {list.map((business) => (
              <option key={business.uid} value={business.uid} disabled={business.blocked}>
                {businessLabel(business)}
              </option>
            ))}
          </select>
          <span className="small muted">
            {list.some((business) => business.blocked)
              ? "A blocked business refuses to install apps, so it cannot be chosen."
              : "The app is installed there for the launch if it is not yet (and stays installed)."}
          </span>

          <label htmlFor="launch-staff">Staff member</label>
          <select
            id="launch-staff"
            value={choice.staffUid ?? ""}
            onChange={(event) => props.onStaff(event.target.value)}
            disabled={busy || !choice.business}
          >
            {choice.staffUid === undefined ? <option value="">(nobody can sign in)</option> : null}
            {(choice.business?.staff ?? []).map((staff) => (
              <option key={staff.uid} value={staff.uid} disabled={staff.unavailable !== null}>
                {staffLabel(staff)}
              </option>
            ))}
          </select>
          <span className="small muted">Who signs in, in the launch window. The business&apos;s owner by default.</span>
        </>
      ) : null}

      <label className="inline">
        <input
          id="launch-probe"
          type="checkbox"
          checked={choice.probe}
          onChange={(event) => props.onProbe(event.target.checked)}
          disabled={busy}
        />
        Check whether the app checks state
      </label>
      <span className="small muted">
        Sandbox profile only: after your app&apos;s flow, the console sends your app a code with a state it never issued and
        checks that your app refuses it.
      </span>

      {props.blocked ? (
        <p className="field-error" data-testid="launch-blocked">
          {props.blocked}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || props.blocked !== null} data-testid="launch-start">
          {props.launchLabel}
        </button>
      </div>
    </form>
  );
}
