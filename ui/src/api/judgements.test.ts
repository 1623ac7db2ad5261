import { describe, expect, it } from "vitest";
import { formCheckStillTrue, urisStillTrue } from "./judgements";
import { formCheck, judgeUris } from "../test/fakeRust";

const A = "https://a.example/cb";
const B = "http://b.example/cb";

describe("a judgement of an earlier input", () => {
  it("keeps the hints about fields that did not change and drops the others", () => {
    const judged = { name: "ab", redirect_uri: "" };
    const kept = formCheckStillTrue(formCheck(judged), judged, { name: "ab", redirect_uri: "https://x.example/app" });
    expect(kept.name).toMatch(/at least 3/);
    expect(kept.redirect_uri).toBeNull();
    expect(formCheckStillTrue(formCheck(judged), judged, { redirect_uri: "" }).name).toBeNull();
  });

  it("keeps an entry's problem while it and the entries before it are unchanged", () => {
    const before = [A, B, A];
    const judged = judgeUris(before);
    expect(judged.map((entry) => entry.problem !== null)).toEqual([false, true, true]);
    // An entry added at the end: the judged entries still stand.
    expect(urisStillTrue(judged, before, [A, B, A, "x"]).map((entry) => entry.problem !== null)).toEqual([false, true, true]);
    // The first entry changed: the repeat of it is not known to be a repeat any more.
    expect(urisStillTrue(judged, before, ["https://c.example/cb", B, A]).map((entry) => entry.problem)).toEqual([null, null, null]);
    // Entries gone are never judged.
    expect(urisStillTrue(judged, before, [A]).map((entry) => entry.problem)).toEqual([null, null, null]);
  });

  it("keeps a warning only while the whole list is the same", () => {
    const judged = [{ uri: A, problem: null, warning: "Nearly the same as another entry." }];
    expect(urisStillTrue(judged, [A], [A])[0]?.warning).toBe("Nearly the same as another entry.");
    expect(urisStillTrue(judged, [A], [A, B])[0]?.warning).toBeNull();
  });
});
