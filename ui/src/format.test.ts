import { describe, expect, it } from "vitest";
import { formatWhen } from "./format";

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
});
