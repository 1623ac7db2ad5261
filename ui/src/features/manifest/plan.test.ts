import { describe, expect, it } from "vitest";
import type { ManifestPlan } from "../../api/bindings";
import { NOTHING_PLAN, PLAN } from "../../test/fakeManifest";
import { manifestSource, suggestedName } from "./names";
import { byAction, NOTHING_TO_APPLY, planCounts, planSummary } from "./plan";

const only = (actions: ManifestPlan["apps"][number]["action"][]): ManifestPlan => ({
  ...PLAN,
  apps: PLAN.apps.filter((app) => actions.includes(app.action)),
});

describe("a plan's summary", () => {
  it("counts each action, the first with the word apps", () => {
    expect(planSummary(PLAN)).toBe(
      "2 apps to create, 1 to update, 3 unchanged, 4 on the platform but not in the manifest (left as they are)",
    );
  });

  it("leaves out actions with no app and says one app in the singular", () => {
    expect(planCounts(only(["update"]))).toBe("1 app to update");
    const legacy = PLAN.apps.find((app) => app.action === "not_in_manifest")!;
    const updateAndOne = { ...PLAN, apps: [...only(["update"]).apps, legacy] };
    expect(planCounts(updateAndOne)).toBe("1 app to update, 1 on the platform but not in the manifest (left as it is)");
  });

  it("says there is nothing to apply when nothing would change", () => {
    expect(planSummary(NOTHING_PLAN)).toBe(NOTHING_TO_APPLY);
    expect(NOTHING_TO_APPLY).toBe("Nothing to apply: the platform already matches the manifest.");
  });

  it("orders creates, then updates, unchanged and the platform's others, keeping the plan's order within each", () => {
    expect(byAction(PLAN.apps).map((app) => app.app_code_name)).toEqual([
      "newapp",
      "otherapp",
      "notesapp",
      "keepone",
      "keeptwo",
      "keepthree",
      "legacy1",
      "legacy2",
      "legacy3",
      "legacy4",
    ]);
  });
});

describe("a manifest's names", () => {
  it("suggests apps.toml or apps.json, or the app's code name for one app", () => {
    expect(suggestedName("toml", null)).toBe("apps.toml");
    expect(suggestedName("json", null)).toBe("apps.json");
    expect(suggestedName("toml", ["notesapp"])).toBe("notesapp.toml");
    expect(suggestedName("json", ["a", "b"])).toBe("apps.json");
  });

  it("reads pasted text as JSON when it starts with a brace, else as TOML", () => {
    expect(manifestSource({ text: '  {"version": 1}', file: null })).toBe("pasted.json");
    expect(manifestSource({ text: "version = 1", file: null })).toBe("pasted.toml");
  });

  it("names an opened file by its name, unless the text no longer fits its format", () => {
    const file = { name: "apps.toml", path: "/tmp/exports/apps.toml" };
    expect(manifestSource({ text: "version = 1", file })).toBe("apps.toml");
    expect(manifestSource({ text: '{"version": 1}', file })).toBe("pasted.json");
    expect(manifestSource({ text: '{"version": 1}', file: { name: "Apps.JSON", path: "/x/Apps.JSON" } })).toBe("Apps.JSON");
    expect(manifestSource({ text: "version = 1", file: { name: "manifest", path: "/x/manifest" } })).toBe("manifest");
  });
});
