// Dates and durations as the console shows them: local time, `2026-11-22 17:05`; a
// lifetime in words, `1 hour`, `20 years`.
//
// Built from Date's own getters rather than toLocaleString(): the first Intl call loads
// ICU's locale data, which cost the apps list ~10 ms of its first paint (README,
// "Start-up"), and one fixed format reads the same in every table.

const pad = (n: number) => String(n).padStart(2, "0");

/** `iso` in local time, to the minute; `fallback` when there is none; an unparsable value
 * is shown as it came. */
export function formatWhen(iso: string | null | undefined, fallback = "—"): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** `iso` in local time, to the second (`2026-11-22 17:05:09`), for logs. */
export function formatWhenToSecond(iso: string | null | undefined, fallback = "—"): string {
  const minute = formatWhen(iso, fallback);
  if (!iso) return minute;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? minute : `${minute}:${pad(date.getSeconds())}`;
}

const UNITS: [string, number][] = [
  ["year", 365.25 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** A number of seconds as people say it: `1 hour`, `20 years`, `1 hour 30 minutes`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 1) return count(Math.max(0, Math.round(seconds) || 0), "second");
  const index = UNITS.findIndex(([, size]) => seconds >= size);
  const [unit, size] = UNITS[index] ?? ["second", 1];
  const amount = seconds / size;
  // Within 1% of a whole number of the largest unit: that number (20 years of 365 days).
  if (Math.abs(amount - Math.round(amount)) <= 0.01 * amount) return count(Math.round(amount), unit);
  const whole = Math.floor(amount);
  const next = UNITS[index + 1];
  if (!next) return count(whole, unit);
  const rest = Math.round((seconds - whole * size) / next[1]);
  return rest > 0 ? `${count(whole, unit)} ${count(rest, next[0])}` : count(whole, unit);
}
