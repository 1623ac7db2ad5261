import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { callsOf, JSON_TEXT, mockManifestBackend, TOML_TEXT } from "../../test/fakeManifest";
import { ExportPanel } from "./ExportPanel";

function renderPanel(apps?: string[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ExportPanel apps={apps} profile="Sandbox" />
    </QueryClientProvider>,
  );
}

const preview = () => screen.findByTestId("manifest-preview");
const format = () => document.getElementById("manifest-format") as HTMLSelectElement;

describe("ExportPanel", () => {
  it("previews every app as TOML by default, then as JSON when chosen", async () => {
    const calls = mockManifestBackend();
    renderPanel();
    expect((await preview()).textContent).toBe(TOML_TEXT);
    expect(callsOf(calls, "manifest_export").map((call) => call.args)).toEqual([{ apps: [], all: true, format: "toml" }]);
    expect(format().value).toBe("toml");
    expect(screen.getByTestId("manifest-export").textContent).toContain(
      "A manifest holds every field you can set that the platform returns, and no secret. Apply it to another profile (production, another white-label environment) with Import, or with intandem plan and intandem apply.",
    );

    fireEvent.change(format(), { target: { value: "json" } });
    await waitFor(() => expect(screen.getByTestId("manifest-preview").textContent).toBe(JSON_TEXT));
    expect(callsOf(calls, "manifest_export").at(-1)?.args).toEqual({ apps: [], all: true, format: "json" });
  });

  it("exports only the app it was opened for, and every app when chosen", async () => {
    const calls = mockManifestBackend();
    renderPanel(["notesapp"]);
    await preview();
    expect(callsOf(calls, "manifest_export")[0]?.args).toEqual({ apps: ["notesapp"], all: false, format: "toml" });
    expect((document.getElementById("manifest-scope-given") as HTMLInputElement).checked).toBe(true);

    fireEvent.click(document.getElementById("manifest-scope-all")!);
    await waitFor(() =>
      expect(callsOf(calls, "manifest_export").at(-1)?.args).toEqual({ apps: [], all: true, format: "toml" }),
    );
  });

  it("saves under apps.toml, or the app's code name, and says where it was saved", async () => {
    const calls = mockManifestBackend({ manifest_save: () => "/tmp/exports/notesapp.json" });
    renderPanel(["notesapp"]);
    fireEvent.change(format(), { target: { value: "json" } });
    await waitFor(() => expect(screen.getByTestId("manifest-preview").textContent).toBe(JSON_TEXT));
    fireEvent.click(screen.getByTestId("manifest-save"));
    expect((await screen.findByTestId("manifest-saved")).textContent).toBe("Saved to /tmp/exports/notesapp.json");
    expect(callsOf(calls, "manifest_save")[0]?.args).toEqual({ text: JSON_TEXT, suggested_name: "notesapp.json" });
  });

  it("says nothing when the Save dialog is cancelled", async () => {
    const calls = mockManifestBackend({ manifest_save: () => null });
    renderPanel();
    await preview();
    fireEvent.click(screen.getByTestId("manifest-save"));
    await waitFor(() => expect(callsOf(calls, "manifest_save")).toHaveLength(1));
    expect(callsOf(calls, "manifest_save")[0]?.args.suggested_name).toBe("apps.toml");
    await waitFor(() => expect((screen.getByTestId("manifest-save") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("manifest-saved")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("copies the manifest's text", async () => {
    const calls = mockManifestBackend();
    renderPanel();
    await preview();
    fireEvent.click(screen.getByTestId("manifest-copy"));
    await waitFor(() => expect(screen.getByTestId("manifest-copy").textContent).toBe("Copied"));
    expect(callsOf(calls, "clipboard_copy_text")[0]?.args).toEqual({ text: TOML_TEXT });
  });

  it("shows an export that failed, and tries again", async () => {
    let fail = true;
    mockManifestBackend({
      manifest_export: () => {
        if (fail) throw { code: "network", message: "The platform could not be reached." };
        return TOML_TEXT;
      },
    });
    renderPanel();
    const notice = await screen.findByTestId("manifest-export-error");
    expect(notice.dataset.code).toBe("network");
    expect((screen.getByTestId("manifest-save") as HTMLButtonElement).disabled).toBe(true);
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect((await preview()).textContent).toBe(TOML_TEXT);
  });
});
