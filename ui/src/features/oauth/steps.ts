// How an OAuth test's timeline reads: each step kind's label, times to the millisecond,
// and the steps known so far (the run's stored timeline, then the steps heard as events),
// each once, in time order.
import type { StepKind, TimelineStep } from "../../api/bindings";

export const STEP_LABEL: Record<StepKind, string> = {
  authorize: "Authorize URL made",
  authorize_page: "Authorize page checked",
  navigation: "Login window page",
  redirect: "Redirect captured",
  exchange: "Code exchanged",
  user_info: "Userinfo read",
};

function pad(value: number, size = 2): string {
  return String(value).padStart(size, "0");
}

/** HH:MM:SS.mmm, local time. */
export function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function pretty(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

export function short(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function stepKey(step: TimelineStep): string {
  return `${step.kind}|${step.at}|${step.summary}`;
}

export function asSteps(value: unknown): TimelineStep[] {
  return Array.isArray(value) ? (value as TimelineStep[]) : [];
}

/** The steps known so far: the run's stored timeline, then those heard as events, once each, in time order. */
export function mergeSteps(known: TimelineStep[], heard: TimelineStep[]): TimelineStep[] {
  const seen = new Set<string>();
  const steps: TimelineStep[] = [];
  for (const step of [...known, ...heard]) {
    const key = stepKey(step);
    if (seen.has(key)) continue;
    seen.add(key);
    steps.push(step);
  }
  return steps
    .map((step, index) => ({ step, index, at: Date.parse(step.at) }))
    .sort((a, b) => (Number.isNaN(a.at) || Number.isNaN(b.at) || a.at === b.at ? a.index - b.index : a.at - b.at))
    .map((entry) => entry.step);
}
