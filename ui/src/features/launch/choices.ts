// Whom to launch an app as: the business and staff member the form starts with, and how
// each reads in its list. Rust's own defaults are the directory's first business and its
// owner; the form starts there too, skipping a blocked business (apps cannot be installed
// there) and staff who cannot sign in.
import type { BusinessView, LaunchVerdict, Severity, StaffView } from "../../api/bindings";

export function defaultBusiness(businesses: readonly BusinessView[]): BusinessView | undefined {
  return businesses.find((business) => !business.blocked);
}

/** The business's owner when they can sign in, else its first staff member who can. */
export function defaultStaff(business: BusinessView | undefined): StaffView | undefined {
  const available = (business?.staff ?? []).filter((staff) => staff.unavailable === null);
  return available.find((staff) => staff.owner) ?? available[0];
}

export function businessLabel(business: BusinessView): string {
  return business.blocked ? `${business.name} (blocked)` : business.name;
}

/** "ana@example.com · admin (owner)"; "bob@example.com (blocked)" for one who cannot sign in. */
export function staffLabel(staff: StaffView): string {
  const who = staff.email ?? staff.display_name ?? staff.uid;
  const role = staff.role && !staff.owner ? ` · ${staff.role}` : "";
  const marks = [staff.owner ? "owner" : null, staff.unavailable].filter(Boolean);
  return `${who}${role}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`;
}

export const HEADLINE: Record<Severity, string> = {
  pass: "Passed",
  warn: "Passed with warnings",
  unknown: "Could not be judged",
  fail: "Failed",
};

const OUTCOME: Record<Severity, string> = {
  pass: "passed",
  warn: "passed with warnings",
  unknown: "could not be judged",
  fail: "failed",
};

/** "Launch 12 · failed · 2026-11-22 10:00 · business biz-1": a past launch in one line. */
export function launchLine(verdict: LaunchVerdict, when: string): string {
  return `Launch ${verdict.run_id} · ${OUTCOME[verdict.verdict]} · ${when} · business ${verdict.business_uid}`;
}
