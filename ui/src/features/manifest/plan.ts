// How a plan and its result read: the plan's apps in the order they are shown (what
// changes first), the summary sentence ("2 apps to create, 1 to update, …"), and the
// labels of actions and outcomes. No judgement here: what changes is Rust's plan.
import type { AppliedApp, ApplyOutcome, ManifestPlan, PlanAction, PlannedApp } from "../../api/bindings";

export const NOTHING_TO_APPLY = "Nothing to apply: the platform already matches the manifest.";

export const ACTION_LABEL: Record<PlanAction, string> = {
  create: "Create",
  update: "Update",
  none: "Unchanged",
  not_in_manifest: "Not in the manifest",
};

export const OUTCOME_LABEL: Record<ApplyOutcome, string> = {
  created: "Created",
  updated: "Updated",
  unchanged: "Unchanged",
  failed: "Failed",
};

const ORDER: Record<PlanAction, number> = { create: 0, update: 1, none: 2, not_in_manifest: 3 };

/** The apps in the order shown: creates, updates, unchanged, then the platform's others (each in the plan's order). */
export function byAction<T extends { action: PlanAction }>(apps: readonly T[]): T[] {
  return [...apps].sort((a, b) => ORDER[a.action] - ORDER[b.action]);
}

/** Whether the plan (or the apply) changes this app. */
export function changes(app: { action: PlanAction }): boolean {
  return app.action === "create" || app.action === "update";
}

function count(apps: readonly PlannedApp[], action: PlanAction): number {
  return apps.filter((app) => app.action === action).length;
}

/**
 * How many apps each action has, in one sentence: "2 apps to create, 1 to update, 3
 * unchanged, 4 on the platform but not in the manifest (left as they are)". Actions with
 * no app are left out; the first part says "app(s)".
 */
export function planCounts(plan: ManifestPlan): string {
  const parts: string[] = [];
  const add = (n: number, words: string) => {
    if (n === 0) return;
    parts.push(parts.length === 0 ? `${n} ${n === 1 ? "app" : "apps"} ${words}` : `${n} ${words}`);
  };
  add(count(plan.apps, "create"), "to create");
  add(count(plan.apps, "update"), "to update");
  add(count(plan.apps, "none"), "unchanged");
  const others = count(plan.apps, "not_in_manifest");
  add(others, `on the platform but not in the manifest (left as ${others === 1 ? "it is" : "they are"})`);
  return parts.length === 0 ? "The manifest has no app, and the platform has none." : parts.join(", ");
}

/** The plan's summary: its counts, or that there is nothing to apply. */
export function planSummary(plan: ManifestPlan): string {
  return plan.changes === 0 ? NOTHING_TO_APPLY : planCounts(plan);
}

/** "1 change" / "3 changes". */
export function changesLabel(n: number): string {
  return `${n} ${n === 1 ? "change" : "changes"}`;
}

/** The code name to open an applied app under: the platform's, when it differs. */
export function platformCode(app: Pick<AppliedApp, "app_code_name" | "platform_code_name">): string {
  return app.platform_code_name ?? app.app_code_name;
}
