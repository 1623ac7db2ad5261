// How severe a check result is, for sorting: a failure, then a check that could not run
// (the platform did not answer), then a warning, then a pass.
import type { Severity } from "../../api/bindings";

export const RANK: Record<Severity, number> = { fail: 3, unknown: 2, warn: 1, pass: 0 };
