export function EmptyState(props: { title: string; body: string; hint?: string | undefined }) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      {props.hint ? <p className="muted">{props.hint}</p> : null}
    </section>
  );
}
