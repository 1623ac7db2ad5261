import { describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { LoggedCall, Overview } from "../../api/bindings";
import { queryKeys } from "../../api/queryKeys";
import { HistoryPanel } from "../history/HistoryPanel";
import { RequestsView } from "./RequestsView";

function call(over: Partial<LoggedCall>): LoggedCall {
  return {
    at: "2026-11-22T10:00:00Z",
    action: "listing the apps",
    method: "GET",
    path: "/platform/v1/apps",
    app_code_name: null,
    status: 200,
    duration_ms: 84,
    attempt: 1,
    error: null,
    request_headers: [
      ["Accept", "application/json"],
      ["Authorization", "Bearer [redacted]"],
    ],
    request_body: null,
    response_body: '{"data":{"apps":[]}}',
    ...over,
  };
}

const LOG: LoggedCall[] = [
  call({
    at: "2026-11-22T10:02:00Z",
    action: "updating app notesapp",
    method: "PUT",
    path: "/platform/v1/apps/notesapp",
    app_code_name: "notesapp",
    status: 422,
    request_body: '{"name":"Notes"}',
    response_body: '{"error":"name taken"}',
  }),
  call({
    at: "2026-11-22T10:01:00Z",
    action: "reading app calendar",
    path: "/platform/v1/apps/calendar",
    app_code_name: "calendar",
    status: null,
    duration_ms: 10_000,
    attempt: 3,
    error: "the platform did not answer in time",
    response_body: null,
  }),
  call({}),
];

function overview(profileId: number): Overview {
  return {
    version: "0.1.0",
    data_dir: "/tmp/data",
    store: { unlocked: true, key_source: "keyring", passphrase_prompt: null },
    current_profile: {
      id: profileId,
      name: `Profile ${profileId}`,
      kind: "custom",
      api_base: "https://api.example.com/",
      brand_url: "https://app.example.com/",
      directory_token: "…a1b2",
      is_current: true,
      insecure: false,
      created_at: "2026-11-22T10:00:00Z",
    },
    startup_error: null,
    sandbox_login: null,
  };
}

function setup(log: () => LoggedCall[] = () => LOG) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let profile = 1;
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (cmd === "console_overview") return overview(profile);
    if (cmd === "request_log") return log();
    return [];
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const switchTo = (id: number) => {
    profile = id;
    return act(() => client.invalidateQueries({ queryKey: queryKeys.overview() }));
  };
  return { calls, client, switchTo };
}

function renderWith(client: QueryClient, node: React.ReactNode) {
  render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

const rows = () => screen.getAllByTestId("request-row");

describe("the request log", () => {
  it("lists the calls newest first with their exact status, duration, attempt and app, and no answer with why", async () => {
    const { client, calls } = setup();
    renderWith(client, <RequestsView />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(calls.find((c) => c.cmd === "request_log")?.args).toEqual({ app: null, limit: 500 });
    expect(rows().map((row) => row.dataset.status)).toEqual(["422", "none", "200"]);
    const [first, second] = rows();
    expect(first!.textContent).toContain("PUT");
    expect(first!.textContent).toContain("/platform/v1/apps/notesapp");
    expect(within(first!).getByTestId("request-status").textContent).toBe("422");
    expect(first!.textContent).toContain("84 ms");
    expect(first!.textContent).toContain("first try");
    expect(first!.textContent).toContain("notesapp");
    expect(within(second!).getByTestId("request-status").textContent).toBe("no answer the platform did not answer in time");
    expect(second!.textContent).toContain("retry 2");
    expect(second!.textContent).toContain("10000 ms");
  });

  it("filters by app and by text", async () => {
    const { client } = setup();
    renderWith(client, <RequestsView />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const select = document.getElementById("request-filter-app") as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual(["", "calendar", "notesapp"]);
    fireEvent.change(select, { target: { value: "calendar" } });
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.dataset.status).toBe("none");
    fireEvent.change(select, { target: { value: "" } });
    fireEvent.input(document.getElementById("request-filter-text")!, { target: { value: "422" } });
    expect(rows().map((row) => row.dataset.status)).toEqual(["422"]);
    fireEvent.input(document.getElementById("request-filter-text")!, { target: { value: "nothing like it" } });
    expect(screen.queryAllByTestId("request-row")).toHaveLength(0);
    expect(screen.getByText("No call matches the filter.")).toBeTruthy();
  });

  it("opens a call to its headers and bodies, and copies it as text", async () => {
    const { client, calls } = setup();
    renderWith(client, <RequestsView />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByTestId("request-details")).toBeNull();
    fireEvent.click(rows()[0]!);
    const details = screen.getByTestId("request-details");
    const blocks = [...details.querySelectorAll("pre")].map((pre) => pre.textContent);
    expect(blocks[0]).toBe("Accept: application/json\nAuthorization: Bearer [redacted]");
    expect(blocks[1]).toBe('{\n  "name": "Notes"\n}');
    expect(blocks[2]).toBe('{\n  "error": "name taken"\n}');
    fireEvent.click(within(details).getByTestId("request-copy"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "clipboard_copy_text")).toBe(true));
    const copied = String(calls.find((c) => c.cmd === "clipboard_copy_text")?.args.text);
    expect(copied).toContain("PUT /platform/v1/apps/notesapp");
    expect(copied).toContain("Authorization: Bearer [redacted]");
    fireEvent.keyDown(rows()[0]!, { key: "Enter" });
    expect(screen.queryByTestId("request-details")).toBeNull();
  });

  it("says when no call was made yet, reads again on Refresh, and reads the new profile's log after a switch", async () => {
    let log: LoggedCall[] = [];
    const { client, calls, switchTo } = setup(() => log);
    renderWith(client, <RequestsView />);
    expect((await screen.findByTestId("request-log-empty")).textContent).toBe("No platform call yet for this profile.");
    log = [call({})];
    fireEvent.click(screen.getByTestId("request-refresh"));
    await waitFor(() => expect(rows()).toHaveLength(1));
    const asked = () => calls.filter((c) => c.cmd === "request_log").length;
    expect(asked()).toBe(2);
    log = [call({}), call({ path: "/platform/v1/other" })];
    await switchTo(2);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(asked()).toBe(3);
  });

  it("shows an app's own calls in its History tab", async () => {
    const { client, calls } = setup(() => [LOG[0]!]);
    renderWith(client, <HistoryPanel app="notesapp" />);
    const section = await screen.findByTestId("history-requests");
    await waitFor(() => expect(within(section).getAllByTestId("request-row")).toHaveLength(1));
    expect(calls.find((c) => c.cmd === "request_log")?.args).toEqual({ app: "notesapp", limit: 100 });
    expect(document.getElementById("request-filter-app")).toBeNull();
  });
});
