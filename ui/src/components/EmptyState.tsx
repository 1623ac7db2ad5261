// A screen with nothing to show yet (no profile, no apps, a store that did not open):
// what is going on, and the one thing to do about it.

import type { ReactNode } from "react";

export function EmptyState(props: { title: string; body: string; hint?: string | undefined; action?: ReactNode }) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      {props.hint ? <p className="muted">{props.hint}</p> : null}
      {props.action ? <div className="empty-action">{props.action}</div> : null}
    </section>
  );
}
