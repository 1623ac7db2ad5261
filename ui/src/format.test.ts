import { describe, expect, it } from "vitest";
import { formatDuration, formatWhen, formatWhenToSecond } from "./format";

describe("formatWhen", () => {
  it("shows local time to the minute", () => {
    const local = new Date(2026, 10, 2, 7, 5, 59);
    expect(formatWhen(local.toISOString())).toBe("2026-11-02 07:05");
  });

  it("says what it was given when there is no date, or not a date", () => {
    expect(formatWhen(null)).toBe("—");
    expect(formatWhen(undefined, "never")).toBe("never");
    expect(formatWhen("soon")).toBe("soon");
  });

  it("shows a log's times to the second", () => {
    const local = new Date(2026, 10, 2, 7, 5, 9);
    expect(formatWhenToSecond(local.toISOString())).toBe("2026-11-02 07:05:09");
    expect(formatWhenToSecond("soon")).toBe("soon");
  });
});

describe("formatDuration", () => {
  it("reads a token lifetime in words, not seconds", () => {
    expect(formatDuration(3600)).toBe("1 hour");
    expect(formatDuration(7200)).toBe("2 hours");
    expect(formatDuration(20 * 365 * 86_400)).toBe("20 years");
    expect(formatDuration(631_152_000)).toBe("20 years");
    expect(formatDuration(86_400)).toBe("1 day");
    expect(formatDuration(45)).toBe("45 seconds");
  });

  it("adds the next unit when the first is not whole", () => {
    expect(formatDuration(5400)).toBe("1 hour 30 minutes");
    expect(formatDuration(90)).toBe("1 minute 30 seconds");
    expect(formatDuration(0)).toBe("0 seconds");
  });
});
