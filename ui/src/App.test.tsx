import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./App";

function renderApp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

describe("App frame", () => {
  it("shows the sidebar, the current profile and an empty state", async () => {
    mockIPC((cmd) => {
      if (cmd === "console_overview") {
        return {
          version: "0.1.0",
          current_profile: { name: "Sandbox", kind: "sandbox", api_base: "http://127.0.0.1:1" },
        };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    renderApp();
    expect(screen.getByRole("button", { name: /Profiles/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Apps/ })).toBeTruthy();
    expect(await screen.findByText("Sandbox")).toBeTruthy();
    expect(screen.getByText("No apps yet")).toBeTruthy();
  });

  it("says what to do when the command layer fails", async () => {
    mockIPC(() => {
      throw { code: "store", message: "The store could not be opened." };
    });
    renderApp();
    expect(await screen.findByText("The console could not start")).toBeTruthy();
    expect(screen.getByText("The store could not be opened.")).toBeTruthy();
  });
});
