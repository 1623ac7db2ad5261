import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./App";
import type { AppDetails, AppsListing, DraftView, RedirectUrisView } from "./api/bindings";
import { fakeJudge } from "./test/fakeRust";
import { overview, SANDBOX as sandbox } from "./test/fakeOverview";

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
  it("brings back the edits Rust kept for the profile, says so, and opens their app with the edit in place", async () => {
    const kept: DraftView[] = [
      { app: "alpha", part: "redirect_uris", body: ["https://alpha.example/oauth/kept"] },
    ];
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      switch (cmd) {
        case "console_overview":
          return overview();
        case "apps_list":
          return listing;
        case "drafts_list":
          asked.push(args);
          return kept;
        case "draft_keep":
          return null;
        case "app_show":
          return {
            app: { app_code_name: "alpha", name: "Alpha app", redirect_uri: "https://alpha.example/app", oauth_redirect_uris: [] },
            has_credentials: true,
            credentials_source: null,
            stale: false,
            synced_at: null,
            sync_error: null,
          } satisfies AppDetails;
        case "redirect_uris_list":
          return { app_code_name: "alpha", uris: [{ uri: "https://alpha.example/app", role: "landing_page" }] } satisfies RedirectUrisView;
        default:
          throw new Error(`unexpected command ${cmd}`);
      }
    });
    renderApp();
    const notice = await screen.findByTestId("kept-drafts");
    expect(asked).toEqual([{ profile: sandbox.id }]);
    expect(notice.textContent).toContain("alpha has unsaved edits (Redirect URIs).");
    fireEvent.click(screen.getByTestId("kept-drafts-open-alpha"));
    // On the app's own page its tab marks the edit instead, and the kept list is the working list.
    expect(await screen.findByText("https://alpha.example/oauth/kept")).toBeTruthy();
    expect(screen.getByTestId("ru-dirty")).toBeTruthy();
    expect(screen.queryByTestId("kept-drafts")).toBeNull();
  });

  it("says when the kept edits could not be read back", async () => {
    mockIPC((cmd) => {
      if (cmd === "console_overview") return overview();
      if (cmd === "apps_list") return listing;
      if (cmd === "drafts_list") throw { code: "store", message: "The store could not be read." };
      throw new Error(`unexpected command ${cmd}`);
    });
    renderApp();
    expect((await screen.findByTestId("kept-drafts")).textContent).toContain("could not be read back: The store could not be read.");
  });

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
    fireEvent.input(screen.getByLabelText("Search apps"), { target: { value: "zet" } });
    expect(screen.queryByText("Alpha app")).toBeNull();
    expect(screen.getByText("Zeta tool")).toBeTruthy();
  });

  it("renders only the rows in view of 10,000 apps, and searches all of them", async () => {
    const many: AppsListing = {
      ...listing,
      apps: Array.from({ length: 10_000 }, (_, i) => ({
        app_code_name: `app${i}`,
        app_id: `id-${i}`,
        name: `App number ${i}`,
        has_credentials: i % 3 === 0,
      })),
    };
    mockIPC((cmd) => (cmd === "console_overview" ? overview() : many));
    renderApp();
    expect((await screen.findByTestId("apps-count")).textContent).toContain("10000 of 10000 apps");
    const rendered = screen.getAllByRole("row").length;
    expect(rendered).toBeGreaterThan(2);
    expect(rendered).toBeLessThan(60);
    fireEvent.input(screen.getByLabelText("Search apps"), { target: { value: "number 9999" } });
    expect(screen.getByTestId("apps-count").textContent).toContain("1 of 10000 apps");
    expect(screen.getByText("App number 9999")).toBeTruthy();
  });

  it("paints the apps as last synced before the platform answers, then says it painted", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "console_overview") return overview();
      if (cmd === "apps_cached") return { ...listing, stale: true };
      if (cmd === "apps_list") return new Promise(() => {}); // the platform never answers
      return null;
    });
    renderApp();
    expect(await screen.findByText("Alpha app")).toBeTruthy();
    expect(screen.getByTestId("apps-count").textContent).toContain("refreshing");
    // Not "could not be reached": the platform has not answered yet.
    expect(screen.queryByTestId("stale-banner")).toBeNull();
    await waitFor(() => expect(calls).toContain("apps_painted"));
  });

  it("opens an app from the list", async () => {
    mockIPC((cmd) => {
      if (cmd === "console_overview") return overview();
      if (cmd === "apps_list") return listing;
      if (cmd === "app_show") {
        return {
          app: { app_code_name: "alpha", name: "Alpha app", trusted: false },
          has_credentials: true,
          credentials_source: "created_here",
          stale: false,
          synced_at: null,
          sync_error: null,
        };
      }
      return null;
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("open-app-alpha"));
    expect((await screen.findByTestId("app-page")).textContent).toContain("alpha");
    expect(screen.getByRole("tab", { name: "Settings" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(screen.getByRole("tab", { name: "Settings" }), { key: "ArrowRight" });
    expect(screen.getByRole("tab", { name: "Redirect URIs" }).getAttribute("aria-selected")).toBe("true");
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
    fireEvent.input(input, { target: { value: "not the one" } });
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

describe("first run", () => {
  const seeded: AppsListing = {
    ...listing,
    apps: [
      { app_code_name: "calendarsync", app_id: "id-c", name: "Calendar Sync", has_credentials: false },
      { app_code_name: "paymentsbridge", app_id: "id-p", name: "Payments Bridge", has_credentials: false },
    ],
  };
  const NOTE =
    "You are on the Sandbox: a copy of the platform running on this computer, with demo apps and test logins, where nothing you do reaches real customers. When you are ready, add your real platform under Profiles with your directory API token.";

  it("on the Sandbox with only its seeded apps, says in plain words what it is and where the real platform goes", async () => {
    mockIPC((cmd) => {
      if (cmd === "console_overview") return overview();
      if (cmd === "profiles_list") return [sandbox];
      return seeded;
    });
    renderApp();
    const note = await screen.findByTestId("first-run-note");
    expect(note.querySelector("p")?.textContent?.replace(/\s+/g, " ").trim()).toBe(NOTE);
    fireEvent.click(screen.getByTestId("first-run-profiles"));
    expect(await screen.findByTestId("profiles-view")).toBeTruthy();
  });

  it("stays dismissed once dismissed", async () => {
    mockIPC((cmd) => (cmd === "console_overview" ? overview() : seeded));
    const first = renderApp();
    fireEvent.click(await screen.findByTestId("first-run-dismiss"));
    expect(screen.queryByTestId("first-run-note")).toBeNull();
    first.unmount();
    renderApp();
    await screen.findByText("Calendar Sync");
    expect(screen.queryByTestId("first-run-note")).toBeNull();
  });

  it("says nothing on another profile, or once an app's secret is kept here", async () => {
    mockIPC((cmd) => (cmd === "console_overview" ? overview({ current_profile: { ...sandbox, kind: "custom", name: "Work" } }) : seeded));
    const other = renderApp();
    await screen.findByText("Calendar Sync");
    expect(screen.queryByTestId("first-run-note")).toBeNull();
    other.unmount();
    mockIPC((cmd) => (cmd === "console_overview" ? overview() : listing));
    renderApp();
    await screen.findByText("Alpha app");
    expect(screen.queryByTestId("first-run-note")).toBeNull();
  });

  it("says what the credentials badges mean", async () => {
    mockIPC((cmd) => (cmd === "console_overview" ? overview() : listing));
    renderApp();
    const rows = await screen.findAllByRole("row");
    expect(rows[1]?.textContent).toContain("secret kept here");
    expect(rows[2]?.textContent).toContain("no secret kept here");
    expect(screen.queryByText("not here")).toBeNull();
  });
});

describe("unlock without a keyring", () => {
  it("gives the reason in plain words, how to start a keyring, and Retry reads the overview again", async () => {
    let keyringUp = false;
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === "console_overview") {
        return keyringUp
          ? overview()
          : overview({
              store: {
                unlocked: false,
                key_source: null,
                passphrase_prompt: {
                  first_run: true,
                  // Rust's words, as StoreError::NoKeyring gives them: a clause, not a sentence.
                  keyring_unavailable: "this session has no connection to a keyring service (no D-Bus session bus was found)",
                },
              },
              current_profile: null,
            });
      }
      return listing;
    });
    renderApp();
    const note = await screen.findByTestId("keyring-unavailable");
    expect(note.textContent).toContain(
      "No keyring could be used. This session has no connection to a keyring service (no D-Bus session bus was found).",
    );
    expect(note.textContent).toContain("On Linux, start GNOME Keyring or KWallet and log in again, then press Retry");
    keyringUp = true;
    fireEvent.click(screen.getByTestId("keyring-retry"));
    // The store opened with the keyring: the apps, no passphrase asked.
    expect(await screen.findByTestId("apps-view")).toBeTruthy();
    expect(asked.filter((cmd) => cmd === "console_overview")).toHaveLength(2);
    expect(asked).not.toContain("store_unlock");
  });
});

describe("the Requests entry", () => {
  it("opens the request log from the sidebar, after the other entries", async () => {
    mockIPC((cmd) => {
      if (cmd === "console_overview") return overview();
      if (cmd === "request_log") return [];
      return listing;
    });
    renderApp();
    const entries = [...document.querySelectorAll("nav.sidebar .nav-item")].map((item) => item.textContent?.replace(/[^A-Za-z]/g, ""));
    expect(entries).toEqual(["Profiles", "Apps", "Checks", "Requests"]);
    fireEvent.click(screen.getByRole("button", { name: /Requests/ }));
    expect((await screen.findByTestId("request-log-empty")).textContent).toBe("No platform call yet for this profile.");
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

describe("unsaved edits", () => {
  function mockConsole() {
    mockIPC((cmd, args) => {
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      if (cmd === "console_overview") return overview();
      if (cmd === "apps_list") return listing;
      if (cmd === "app_show") {
        return {
          app: { app_code_name: "alpha", name: "Alpha app", trusted: false },
          has_credentials: true,
          credentials_source: "created_here",
          stale: false,
          synced_at: null,
          sync_error: null,
        };
      }
      return null;
    });
  }

  const name = () => document.getElementById("edit-name") as HTMLInputElement;

  async function openAlphaAndRename() {
    fireEvent.click(await screen.findByTestId("open-app-alpha"));
    await waitFor(() => expect(name()?.value).toBe("Alpha app"));
    fireEvent.input(name(), { target: { value: "Alpha renamed" } });
  }

  it("asks before leaving an app with unsaved edits, and Keep editing keeps them", async () => {
    mockConsole();
    renderApp();
    await openAlphaAndRename();
    const back = screen.getByTestId("back-to-apps");
    back.focus();
    fireEvent.click(back);

    const dialog = await screen.findByTestId("unsaved-dialog");
    expect(dialog.getAttribute("role")).toBe("alertdialog");
    expect(screen.getByTestId("unsaved-list").textContent).toContain("alpha: Settings");
    expect(document.activeElement).toBe(screen.getByTestId("unsaved-dialog-keep"));

    fireEvent.click(screen.getByTestId("unsaved-dialog-keep"));
    expect(screen.queryByTestId("unsaved-dialog")).toBeNull();
    expect(screen.getByTestId("app-page")).toBeTruthy();
    expect(name().value).toBe("Alpha renamed");
    // Focus is back where it was when the question came up.
    expect(document.activeElement).toBe(back);
  });

  it("closes the question on Escape, and leaves only after Discard", async () => {
    mockConsole();
    renderApp();
    await openAlphaAndRename();
    fireEvent.click(screen.getByRole("button", { name: /Checks/ }));
    fireEvent.keyDown(await screen.findByTestId("unsaved-dialog-keep"), { key: "Escape" });
    expect(screen.queryByTestId("unsaved-dialog")).toBeNull();
    expect(name().value).toBe("Alpha renamed");

    fireEvent.click(screen.getByTestId("back-to-apps"));
    fireEvent.click(await screen.findByTestId("unsaved-dialog-discard"));
    expect(await screen.findByTestId("apps-view")).toBeTruthy();

    // The discarded edit is gone: the app opens as the platform has it.
    fireEvent.click(await screen.findByTestId("open-app-alpha"));
    await waitFor(() => expect(name()?.value).toBe("Alpha app"));
    fireEvent.click(screen.getByTestId("back-to-apps"));
    expect(await screen.findByTestId("apps-view")).toBeTruthy();
    expect(screen.queryByTestId("unsaved-dialog")).toBeNull();
  });
});
