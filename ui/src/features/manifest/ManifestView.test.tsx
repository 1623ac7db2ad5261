import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { AppDetails, AppsListing } from "../../api/bindings";
import { App } from "../../App";
import { fakeJudge } from "../../test/fakeRust";
import { callsOf, mockManifestBackend, TOML_TEXT } from "../../test/fakeManifest";

const LISTING: AppsListing = {
  profile: "Production",
  apps: [{ app_code_name: "notesapp", app_id: "id-n", name: "Notes", has_credentials: true }],
  stale: false,
  last_synced_at: "2026-11-22T10:00:00Z",
  sync_error: null,
};

const DETAILS: AppDetails = {
  app: { app_code_name: "notesapp", name: "Notes" },
  has_credentials: true,
  credentials_source: null,
  stale: false,
  synced_at: null,
  sync_error: null,
};

function mockBackend() {
  return mockManifestBackend({
    apps: () => LISTING,
    // The app page's reads, for its Export button.
    other: (cmd, args) => fakeJudge(cmd, args)?.answer ?? (cmd === "app_show" ? DETAILS : null),
  });
}

function renderApp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

describe("Apps as code in the window", () => {
  it("opens Export and Import from the apps list's toolbar, and goes back to the list", async () => {
    const calls = mockBackend();
    renderApp();
    fireEvent.click(await screen.findByTestId("manifest-export-open"));
    expect((await screen.findByTestId("manifest-preview")).textContent).toBe(TOML_TEXT);
    expect(callsOf(calls, "manifest_export")[0]?.args).toEqual({ apps: [], all: true, format: "toml" });

    fireEvent.click(screen.getByTestId("manifest-tab-import"));
    await screen.findByTestId("manifest-import");
    expect(screen.getByTestId("manifest-target").textContent).toBe("Apply to profile Production (https://api.vcita.biz/)");

    fireEvent.click(screen.getByTestId("manifest-back"));
    await screen.findByTestId("apps-view");
    fireEvent.click(screen.getByTestId("manifest-import-open"));
    await screen.findByTestId("manifest-import");
  });

  it("exports just the app from its page, and goes back to it", async () => {
    const calls = mockBackend();
    renderApp();
    fireEvent.click(await screen.findByTestId("open-app-notesapp"));
    fireEvent.click(await screen.findByTestId("app-export"));
    await screen.findByTestId("manifest-preview");
    expect(callsOf(calls, "manifest_export")[0]?.args).toEqual({ apps: ["notesapp"], all: false, format: "toml" });

    fireEvent.click(screen.getByTestId("manifest-back"));
    await waitFor(() => expect(screen.getByTestId("app-page")).toBeTruthy());
  });
});
