import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { HistoryPanel } from "./HistoryPanel";
import type { AuditEntry, LaunchVerdict } from "../../api/bindings";

const entries: AuditEntry[] = [
  {
    id: 3,
    at: "2026-11-22T10:02:00Z",
    actor: "ana (desktop)",
    profile_id: 1,
    profile_name: "Sandbox",
    app_code_name: "myapp",
    action: "app_updated",
    before: { name: "Old name" },
    after: { name: "New name" },
  },
  {
    id: 1,
    at: "2026-11-22T10:00:00Z",
    actor: "ana (cli)",
    profile_id: 1,
    profile_name: "Sandbox",
    app_code_name: "myapp",
    action: "app_created",
    before: null,
    after: { name: "Old name", redirect_uri: "https://myapp.example.com/app", description: {} },
  },
];

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <HistoryPanel app="myapp" />
    </QueryClientProvider>,
  );
}

const launch: LaunchVerdict = {
  run_id: 12,
  app_code_name: "myapp",
  business_uid: "biz-1",
  staff_uid: "staff-1",
  verdict: "fail",
  checks: [],
  sandbox: true,
  started_at: "2026-11-22T10:01:00Z",
  finished_at: "2026-11-22T10:01:30Z",
  notes: [],
  markdown: "# Launch 12",
};

describe("HistoryPanel", () => {
  it("lists the app's changes newest first, each with what changed", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push({ cmd, args });
      return cmd === "audit" ? entries : [];
    });
    renderPanel();
    const items = await screen.findAllByTestId("history-entry");
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain("App updated");
    expect(items[0]!.textContent).toContain("name: Old name → New name");
    expect(items[1]!.textContent).toContain("App created");
    expect(items[1]!.textContent).toContain("redirect_uri: https://myapp.example.com/app");
    expect(items[1]!.textContent).not.toContain("description");
    expect(asked).toContainEqual({ cmd: "audit", args: { app: "myapp", limit: 200 } });
  });

  it("shows the app's launches beside its changes, newest first", async () => {
    mockIPC((cmd) => (cmd === "audit" ? entries : cmd === "launches" ? [launch] : null));
    renderPanel();
    const row = await screen.findByTestId("history-launch");
    expect(row.dataset.verdict).toBe("fail");
    expect(row.textContent).toContain("Launch 12");
    expect(row.textContent).toContain("Failed");
    expect(row.textContent).toContain("biz-1");
    const order = [...screen.getByTestId("history").children].map((li) => li.getAttribute("data-testid"));
    expect(order).toEqual(["history-entry", "history-launch", "history-entry"]);
  });

  it("still lists the changes when the launches cannot be read", async () => {
    mockIPC((cmd) => {
      if (cmd === "launches") throw { code: "store", message: "The launches could not be read." };
      return entries;
    });
    renderPanel();
    expect(await screen.findAllByTestId("history-entry")).toHaveLength(2);
    expect((await screen.findByTestId("history-launches-error")).textContent).toContain("could not be read");
  });
});
