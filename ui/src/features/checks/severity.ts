// How severe a check result is, for sorting: a failure before a warning before a pass.
import type { Severity } from "../../api/bindings";

export const RANK: Record<Severity, number> = { fail: 2, warn: 1, pass: 0 };
