import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { HistoryPanel } from "./HistoryPanel";
import type { AuditEntry } from "../../api/bindings";

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

describe("HistoryPanel", () => {
  it("lists the app's changes newest first, each with what changed", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push({ cmd, args });
      return entries;
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <HistoryPanel app="myapp" />
      </QueryClientProvider>,
    );
    const items = await screen.findAllByTestId("history-entry");
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain("App updated");
    expect(items[0]!.textContent).toContain("name: Old name → New name");
    expect(items[1]!.textContent).toContain("App created");
    expect(items[1]!.textContent).toContain("redirect_uri: https://myapp.example.com/app");
    expect(items[1]!.textContent).not.toContain("description");
    expect(asked).toEqual([{ cmd: "audit", args: { app: "myapp", limit: 200 } }]);
  });
});
