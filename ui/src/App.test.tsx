import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./App";
import type { AppsListing, Overview, ProfileView } from "./api/bindings";

const sandbox: ProfileView = {
  id: 1,
  name: "Sandbox",
  kind: "sandbox",
  api_base: "http://127.0.0.1:4100/",
  brand_url: "http://127.0.0.1:4100/",
  directory_token: "…a1b2",
  is_current: true,
  created_at: "2026-11-22T10:00:00Z",
};

function overview(over: Partial<Overview> = {}): Overview {
  return {
    version: "0.1.0",
    data_dir: "/tmp/data",
    store: { unlocked: true, key_source: "keyring", passphrase_prompt: null },
    current_profile: sandbox,
    startup_error: null,
    ...over,
  };
}

const listing: AppsListing = {
  profile: "Sandbox",
  apps: [
    { app_code_name: "zeta", app_id: "id-z", name: "Zeta tool", has_credentials: false },
    { app_code_name: "alpha", app_id: "id-a", name: "Alpha app", has_credentials: true },
  ],
  stale: false,
  last_synced_at: "2026-11-22T10:00:00Z",
  sync_error: null,
};

function renderApp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

describe("App frame", () => {
  it("shows the sidebar, the current profile, the store state and the apps", async () => {
    mockIPC((cmd) => {
      if (cmd === "console_overview") return overview();
      if (cmd === "apps_list") return listing;
      throw new Error(`unexpected command ${cmd}`);
    });
    renderApp();
    expect(screen.getByRole("button", { name: /Profiles/ })).toBeTruthy();
    expect(await screen.findByText("Sandbox")).toBeTruthy();
    expect(screen.getByTestId("store-state").textContent).toContain("OS keyring");
    const rows = await screen.findAllByRole("row");
    // Header row, then the apps sorted by name.
    expect(rows[1]?.textContent).toContain("Alpha app");
    expect(rows[2]?.textContent).toContain("Zeta tool");
  });

  it("filters the apps as you type", async () => {
    mockIPC((cmd) => (cmd === "console_overview" ? overview() : listing));
    renderApp();
    await screen.findByText("Alpha app");
    fireEvent.change(screen.getByLabelText("Search apps"), { target: { value: "zet" } });
    expect(screen.queryByText("Alpha app")).toBeNull();
    expect(screen.getByText("Zeta tool")).toBeTruthy();
  });

  it("says the list is cached when the platform cannot be reached", async () => {
    mockIPC((cmd) =>
      cmd === "console_overview"
        ? overview()
        : {
            ...listing,
            stale: true,
            sync_error: { code: "network", message: "The platform could not be reached." },
          },
    );
    renderApp();
    const banner = await screen.findByTestId("stale-banner");
    expect(banner.textContent).toContain("Cached, last synced");
    expect(banner.textContent).toContain("could not be reached");
  });

  it("asks for the passphrase when the store needs one, and shows a wrong one's error", async () => {
    mockIPC((cmd) => {
      if (cmd === "console_overview") {
        return overview({
          store: {
            unlocked: false,
            key_source: "passphrase",
            passphrase_prompt: { first_run: false, keyring_unavailable: null },
          },
          current_profile: null,
        });
      }
      if (cmd === "store_unlock") {
        throw { code: "store", message: "The passphrase is wrong." };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    renderApp();
    const input = await screen.findByLabelText("Passphrase");
    fireEvent.change(input, { target: { value: "not the one" } });
    fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("The passphrase is wrong.");
  });

  it("says what to do when the command layer fails", async () => {
    mockIPC(() => {
      throw { code: "internal", message: "The console state is missing." };
    });
    renderApp();
    expect(await screen.findByText("The console could not start")).toBeTruthy();
    expect(screen.getByText("The console state is missing.")).toBeTruthy();
  });
});

describe("theme", () => {
  it("cycles system, light and dark, and remembers the choice", async () => {
    mockIPC((cmd) => (cmd === "console_overview" ? overview() : listing));
    renderApp();
    const toggle = await screen.findByTestId("theme-toggle");
    expect(toggle.textContent).toBe("Theme: system");
    fireEvent.click(toggle);
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
    fireEvent.click(toggle);
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    expect(localStorage.getItem("intandem.theme")).toBe("dark");
    fireEvent.click(toggle);
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
  });
});
