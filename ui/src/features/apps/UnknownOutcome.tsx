// What the New app screen says after a create whose answer was lost (`unknown_outcome`):
// one outcome, "we don't know", with Rust's reason and Check again, which asks Rust
// (`app_find_created`, the same input) whether the app exists. Found: it was created, and
// this console has no secret for it. Not found: the wizard may create it (it re-enables
// Create). The check failing leaves Create disabled and says why. When Rust already found
// the app after the lost answer (field `created`), the check runs at once.
import { useEffect } from "react";
import type { AppInput } from "../../api/bindings";
import type { ConsoleError } from "../../api/commands";
import { errorNextStep } from "../../api/errorClassification";
import { ErrorNotice } from "../../components/ErrorNotice";
import type { Navigate } from "../../route";
import { FoundApp } from "./CreatedApp";
import { useFindCreated } from "./hooks";

export function UnknownOutcome(props: {
  error: ConsoleError;
  input: AppInput;
  navigate: Navigate;
  onNotCreated: () => void;
}) {
  const check = useFindCreated();
  const known = props.error.field === "created";
  const { mutate } = check;
  const { input } = props;
  useEffect(() => {
    if (known) mutate(input);
  }, [known, mutate, input]);
  if (check.data) return <FoundApp app={check.data} navigate={props.navigate} />;
  const next = errorNextStep(props.error, "create_app");
  return (
    <div className="banner warn" role="status" data-testid="create-unknown">
      <p>
        <strong>We don&apos;t know whether the app was created</strong>
      </p>
      <p data-testid="create-unknown-message">{props.error.message}</p>
      {next ? <p className="small">{next}</p> : null}
      {check.error ? <ErrorNotice error={check.error} testId="create-check-error" /> : null}
      <div className="actions">
        <button
          type="button"
          onClick={() => check.mutate(props.input, { onSuccess: (found) => (found ? undefined : props.onNotCreated()) })}
          disabled={check.isPending}
          data-testid="create-check-again"
        >
          {check.isPending ? "Checking…" : "Check again"}
        </button>
      </div>
    </div>
  );
}
