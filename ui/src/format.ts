// Dates as the console shows them: local time, `2026-11-22 17:05`.
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
