import { describe, expect, it } from "vitest";
import type { ErrorCode } from "./bindings";
import { ConsoleError } from "./call";
import { ERROR_CLASSIFICATION, errorNextStep, errorTitle, oauthExplanation, repeatsTitle } from "./errorClassification";

const error = (code: ErrorCode, field?: string) => new ConsoleError({ code, message: "m", field });

describe("the error table", () => {
  it("titles every error code", () => {
    for (const [code, entry] of Object.entries(ERROR_CLASSIFICATION)) {
      expect(entry.title.length, code).toBeGreaterThan(0);
      expect(errorTitle(code as ErrorCode)).toBe(entry.title);
    }
  });

  it("gives a screen its own advice for a code, or nothing, instead of the generic next step", () => {
    expect(errorNextStep(error("unauthorized"))).toMatch(/Open Profiles/);
    expect(errorNextStep(error("unauthorized"), "add_profile")).toBeNull();
    expect(errorNextStep(error("network"), "add_profile")).toMatch(/Nothing was saved/);
    expect(errorNextStep(error("conflict"), "add_profile")).toBe("Choose another name.");
    expect(errorNextStep(error("forbidden"), "add_profile")).toBeNull();
  });

  it("tells a launch's failure in the launch's words, by field where the field says more", () => {
    expect(errorNextStep(error("network"), "launch")).toBe("Start your app so its landing page answers, then launch again.");
    expect(errorNextStep(error("invalid_input", "staff"), "launch")).toMatch(/another staff member/);
    expect(errorNextStep(error("invalid_input", "app"), "launch")).toMatch(/Settings tab/);
    expect(errorNextStep(error("invalid_input", "staff"))).toBeNull();
    expect(errorNextStep(error("locked"), "launch")).toMatch(/Unlock the store/);
  });

  it("tells a manifest that does not read to fix it at the line shown, and an app the platform refused to fix it in the manifest", () => {
    expect(errorNextStep(error("invalid_input", "manifest"), "manifest")).toBe("Fix the manifest at the line shown, then review again.");
    expect(errorNextStep(error("validation"), "manifest")).toBe("Fix this app in the manifest, then review and apply again.");
    expect(errorNextStep(error("network"), "manifest")).toMatch(/Check your connection/);
    expect(errorNextStep(error("invalid_input", "name"), "manifest")).toBe("Fix the manifest, then review again.");
    expect(errorNextStep(error("invalid_input", "manifest"))).toBeNull();
  });

  it("explains an OAuth failure by its code, by where it happened, and by its field", () => {
    expect(oauthExplanation("validation", undefined, "oauth_start")).toMatch(/would never redirect back/);
    expect(oauthExplanation("validation", undefined, "oauth_run")).toBe("The platform refused the values.");
    expect(oauthExplanation("access_denied", undefined, "oauth_start")).toMatch(/denied access/);
    expect(oauthExplanation("invalid_input", "state", "oauth_run")).toMatch(/state did not match/);
    expect(oauthExplanation("invalid_input", "redirect_uri", "oauth_run")).toBe("The values were refused.");
    expect(oauthExplanation("internal", undefined, "oauth_run")).toBeNull();
  });
});

describe("a title and Rust's message told together", () => {
  it("knows when the message's first clause says what the title says, and not when it says something else", () => {
    expect(repeatsTitle("The platform could not be reached", "The platform could not be reached: connection refused.")).toBe(true);
    expect(repeatsTitle("The platform failed", "The platform failed (HTTP 502).")).toBe(true);
    expect(
      repeatsTitle(
        "The login window was closed before the platform redirected back.",
        "The login window was closed before the platform redirected back.",
      ),
    ).toBe(true);
    expect(repeatsTitle("Not found", "Not foundling")).toBe(false);
    expect(repeatsTitle("The platform failed", "The store is locked.")).toBe(false);
    expect(repeatsTitle("Stopped", "Stopped by you. Start again.")).toBe(false);
  });
});
