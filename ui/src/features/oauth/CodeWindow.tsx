// The authorization code's 30 seconds: counting down from the redirect while the exchange
// is pending, then how much of the window the exchange used.
import { useEffect, useState } from "react";
import type { OAuthCompletion } from "../../api/bindings";

/** The platform's authorization code lives 30 seconds from the redirect. */
const CODE_LIFETIME_MS = 30_000;

export function CodeWindow(props: { capturedAtMs: number; completion: OAuthCompletion | null }) {
  const { capturedAtMs, completion } = props;
  const [now, setNow] = useState(() => Date.now());
  const ticking = completion === null;
  useEffect(() => {
    if (!ticking) return;
    const timer = window.setInterval(() => setNow(Date.now()), 100);
    return () => window.clearInterval(timer);
  }, [ticking]);

  if (completion) {
    const { timings } = completion;
    const lifetime = (timings.code_lifetime_ms || CODE_LIFETIME_MS) / 1000;
    const used = timings.window_used_ms;
    return (
      <p className="oa-countdown done" data-testid="oauth-countdown">
        {used === null
          ? "The code was not exchanged."
          : `The exchange used ${(used / 1000).toFixed(1)} s of the code's ${lifetime.toFixed(0)} s.`}
        {timings.before_exchange_ms !== null ? (
          <span className="small muted">
            {" "}
            ({timings.before_exchange_ms} ms before the request was sent
            {timings.exchange_ms !== null ? `, ${timings.exchange_ms} ms for the exchange itself` : ""})
          </span>
        ) : null}
      </p>
    );
  }
  const left = Math.min(CODE_LIFETIME_MS, Math.max(0, CODE_LIFETIME_MS - (now - capturedAtMs)));
  const share = left / CODE_LIFETIME_MS;
  return (
    <div className="oa-countdown" data-testid="oauth-countdown">
      Code window: {(left / 1000).toFixed(1)} s left
      <div className="oa-meter" aria-hidden="true">
        <div className={share < 0.25 ? "oa-meter-fill low" : "oa-meter-fill"} style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
