// A test that worked: who authorized (the userinfo fields a developer checks), the access
// token's description (masked; its lifetime in words), and how soon after the redirect
// the result was on screen.
import { useEffect, useState } from "react";
import type { OAuthCompletion, UserInfo } from "../../api/bindings";
import { formatDuration } from "../../format";

const USERINFO_FIELDS: { field: keyof UserInfo & string; label: string; always: boolean }[] = [
  { field: "business_uid", label: "Business UID", always: true },
  { field: "sub", label: "Staff (sub)", always: true },
  { field: "role", label: "Role", always: true },
  { field: "brand_host", label: "Brand host", always: true },
  { field: "directory_uid", label: "Directory UID", always: true },
  { field: "email", label: "Email", always: false },
  { field: "business_name", label: "Business name", always: false },
];

export function RunResult(props: { completion: OAuthCompletion; capturedAtMs: number }) {
  const { completion, capturedAtMs } = props;
  const [shownAfter, setShownAfter] = useState<number | null>(null);
  useEffect(() => {
    // Measured at the first frame painted with the result.
    const frame = window.requestAnimationFrame(() => setShownAfter(Date.now() - capturedAtMs));
    return () => window.cancelAnimationFrame(frame);
  }, [capturedAtMs]);
  const userinfo = completion.userinfo;
  const token = completion.token;
  return (
    <div className="banner ok oa-result" data-testid="oauth-result">
      <p>
        <strong>The flow worked:</strong> the code was exchanged and the userinfo read.
      </p>
      {userinfo ? (
        <dl className="facts">
          {USERINFO_FIELDS.filter(({ field, always }) => always || userinfo[field] != null).map(({ field, label }) => {
            const value = userinfo[field];
            return [
              <dt key={`${field}-t`}>{label}</dt>,
              <dd key={`${field}-d`} className="mono" data-testid={`oauth-userinfo-${field}`}>
                {value == null || value === "" ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value)}
              </dd>,
            ];
          })}
        </dl>
      ) : (
        <p className="muted">No userinfo came back.</p>
      )}
      {token ? (
        <p className="small muted" data-testid="oauth-token">
          Access token <span className="mono">{token.access_token}</span> ({token.token_type}
          {token.expires_in !== null ? `, expires in ${formatDuration(token.expires_in)}` : ""}
          {token.scope ? `, scope ${token.scope}` : ""}
          {token.has_refresh_token ? ", with a refresh token" : ""})
        </p>
      ) : null}
      {shownAfter !== null ? (
        <p className="small" data-testid="oauth-shown-after">
          Shown {shownAfter} ms after the redirect was captured
        </p>
      ) : null}
    </div>
  );
}
