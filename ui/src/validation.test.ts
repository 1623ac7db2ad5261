import { describe, expect, it } from "vitest";
import {
  codeNameProblem,
  isNearDuplicate,
  nameProblem,
  redirectUriListProblems,
  redirectUriListWarnings,
  redirectUriProblem,
} from "./validation";

describe("redirect URI checks", () => {
  it("accepts https and loopback http", () => {
    for (const ok of [
      "https://example.com/cb",
      "https://example.com:8443/cb?x=1",
      "http://127.0.0.1:8765/callback",
      "http://localhost/cb",
      "http://[::1]:9000/cb",
    ]) {
      expect(redirectUriProblem(ok), ok).toBeNull();
    }
  });

  it("refuses each invalid form with its reason", () => {
    expect(redirectUriProblem("")).toMatch(/absolute URL/);
    expect(redirectUriProblem("example.com/cb")).toMatch(/Not an absolute URL/);
    expect(redirectUriProblem("http://example.com/cb")).toMatch(/only on loopback/);
    expect(redirectUriProblem("https://example.com/cb#top")).toMatch(/fragment/);
    expect(redirectUriProblem("https://*.example.com/cb")).toMatch(/Wildcards/);
    expect(redirectUriProblem("ftp://example.com/cb")).toMatch(/not ftp/);
    expect(redirectUriProblem("https://user:pw@example.com/cb")).toMatch(/user name/);
    expect(redirectUriProblem("https://example.com/a b")).toMatch(/spaces/);
  });

  it("flags duplicates as errors and near-duplicates as warnings", () => {
    const list = ["https://a.example/cb", "https://a.example/cb/", "https://a.example/cb"];
    expect(redirectUriListProblems(list)).toEqual([null, null, "Already in the list: remove the duplicate."]);
    expect(redirectUriListWarnings(list)[1]).toMatch(/Nearly the same as https:\/\/a.example\/cb/);
    expect(isNearDuplicate("https://A.example/cb", "https://a.example/cb")).toBe(true);
    expect(isNearDuplicate("https://a.example/cb", "https://a.example/other")).toBe(false);
  });
});

describe("app field checks", () => {
  it("bounds the name to 3-25 characters", () => {
    expect(nameProblem("ab")).toMatch(/at least 3/);
    expect(nameProblem("abc")).toBeNull();
    expect(nameProblem("x".repeat(25))).toBeNull();
    expect(nameProblem("x".repeat(26))).toMatch(/at most 25/);
  });

  it("allows only letters and digits in a code name", () => {
    expect(codeNameProblem("")).toBeNull();
    expect(codeNameProblem("myApp2")).toBeNull();
    expect(codeNameProblem("my_app")).toMatch(/letters and digits/);
  });
});
