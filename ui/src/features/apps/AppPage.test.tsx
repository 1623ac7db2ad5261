import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { useState } from "react";
import type { App, AppDetails, ChecksReport, RedirectUrisView } from "../../api/bindings";
import type { AppTab } from "../../route";
import { fakeJudge } from "../../test/fakeRust";
import { AppPage } from "./AppPage";

const APP: App = {
  app_code_name: "notesapp",
  name: "Notes",
  redirect_uri: "https://notes.example.com/app",
  oauth_redirect_uris: ["https://notes.example.com/oauth/a"],
  url_params: ["brand_host"],
};
const ADDED = "https://notes.example.com/oauth/b";

function mockBackend() {
  mockIPC((cmd, args) => {
    const judged = fakeJudge(cmd, args);
    if (judged) return judged.answer;
    switch (cmd) {
      case "app_show":
        return { app: APP, has_credentials: false, credentials_source: null, stale: false, synced_at: null, sync_error: null } satisfies AppDetails;
      case "redirect_uris_list":
        return {
          app_code_name: "notesapp",
          uris: [
            { uri: APP.redirect_uri ?? "", role: "landing_page" },
            { uri: "https://notes.example.com/oauth/a", role: "o_auth" },
          ],
        } satisfies RedirectUrisView;
      case "redirect_uris_preview":
      case "redirect_uris_apply": {
        const uris = (args as { change: { uris: string[] } }).change.uris;
        return {
          app_code_name: "notesapp",
          added: uris.slice(1),
          removed: [],
          unchanged: uris.slice(0, 1),
          oauth_redirect_uris: uris,
          warnings: [],
          applied: cmd === "redirect_uris_apply",
        };
      }
      case "businesses":
      case "launches":
        return [];
      case "check_app":
        return {
          profile: "Sandbox",
          api_base: "https://api.example.com/",
          checked_at: "2026-11-22T10:00:00Z",
          directory: [],
          apps: [],
          worst: "pass",
          counts: { pass: 0, warn: 0, unknown: 0, fail: 0 },
          apps_unlisted: null,
          markdown: "",
        } satisfies ChecksReport;
      default:
        return null;
    }
  });
}

/** The page with its route held as the frame holds it. */
function Page() {
  const [tab, setTab] = useState<AppTab>("settings");
  return <AppPage app="notesapp" tab={tab} navigate={(route) => route.view === "app" && setTab(route.tab)} />;
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Page />
    </QueryClientProvider>,
  );
}

const field = (id: string) => document.getElementById(id) as HTMLInputElement;
const tab = (name: AppTab) => screen.getByTestId(`tab-${name}`);
const rows = () => screen.getAllByTestId("ru-row").map((row) => row.querySelector(".ru-uri")?.textContent);

describe("AppPage unsaved edits", () => {
  it("keeps an unsaved name when switching tabs and back", async () => {
    mockBackend();
    renderPage();
    await waitFor(() => expect(field("edit-name")?.value).toBe("Notes"));
    expect(tab("settings").dataset.dirty).toBeUndefined();
    fireEvent.input(field("edit-name"), { target: { value: "Notes Pro" } });
    expect(tab("settings").dataset.dirty).toBe("true");

    fireEvent.click(tab("redirect_uris"));
    await screen.findByTestId("ru-list");
    expect(tab("settings").dataset.dirty).toBe("true");
    fireEvent.click(tab("settings"));

    expect(field("edit-name").value).toBe("Notes Pro");
    expect(screen.getByTestId("editor-dirty").textContent).toContain("1 field");
  });

  it("keeps a redirect URI added but not saved when going to Checks and back", async () => {
    mockBackend();
    renderPage();
    fireEvent.click(await screen.findByTestId("tab-redirect_uris"));
    await screen.findByTestId("ru-list");
    fireEvent.input(field("ru-new"), { target: { value: ADDED } });
    fireEvent.click(screen.getByTestId("ru-add"));
    expect(rows()).toEqual(["https://notes.example.com/oauth/a", ADDED]);
    expect(tab("redirect_uris").dataset.dirty).toBe("true");

    fireEvent.click(tab("checks"));
    await screen.findByTestId("checks-panel");
    fireEvent.click(tab("redirect_uris"));

    await screen.findByTestId("ru-list");
    expect(rows()).toEqual(["https://notes.example.com/oauth/a", ADDED]);
    expect(screen.getByTestId("ru-dirty")).toBeTruthy();
  });

  it("drops the dirty mark once the edits are undone or discarded", async () => {
    mockBackend();
    renderPage();
    await waitFor(() => expect(field("edit-name")?.value).toBe("Notes"));
    fireEvent.input(field("edit-name"), { target: { value: "Notes Pro" } });
    fireEvent.input(field("edit-name"), { target: { value: "Notes" } });
    expect(tab("settings").dataset.dirty).toBeUndefined();
    expect(screen.queryByTestId("editor-dirty")).toBeNull();

    fireEvent.input(field("edit-name"), { target: { value: "Notes Pro" } });
    fireEvent.click(screen.getByTestId("editor-discard"));
    expect(tab("settings").dataset.dirty).toBeUndefined();
    expect(field("edit-name").value).toBe("Notes");
  });

  it("has nothing unsaved once the redirect URIs are saved", async () => {
    mockBackend();
    renderPage();
    fireEvent.click(await screen.findByTestId("tab-redirect_uris"));
    await screen.findByTestId("ru-list");
    fireEvent.input(field("ru-new"), { target: { value: ADDED } });
    fireEvent.click(screen.getByTestId("ru-add"));
    fireEvent.click(screen.getByTestId("ru-review"));
    fireEvent.click(await screen.findByTestId("ru-save"));
    await screen.findByTestId("ru-saved");
    expect(tab("redirect_uris").dataset.dirty).toBeUndefined();
  });
});

describe("AppPage tabs", () => {
  it("opens the Launch tab, loaded when first opened, and moves to it with the arrow keys", async () => {
    mockBackend();
    renderPage();
    fireEvent.click(tab("launch"));
    expect((await screen.findByTestId("launch-panel")).closest("[role=tabpanel]")?.id).toBe("panel-launch");
    expect(tab("launch").getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tab("launch"), { key: "ArrowLeft" });
    expect(tab("oauth").getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tab("oauth"), { key: "ArrowRight" });
    expect(await screen.findByTestId("launch-start")).toBeTruthy();
  });
});
