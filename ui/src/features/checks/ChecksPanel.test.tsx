import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CheckResult, ChecksReport } from "../../api/bindings";
import { ChecksPanel } from "./ChecksPanel";

type Call = { cmd: string; args: Record<string, unknown> };

function check(id: string, severity: CheckResult["severity"], fix: string | null = null): CheckResult {
  return { id, title: `Title of ${id}`, severity, reason: `Reason for ${id}`, fix };
}

const MARKDOWN = "# Checks for notesapp\n\n- FAIL redirect_uris";

function report(): ChecksReport {
  return {
    profile: "Sandbox",
    api_base: "https://api.example.com/",
    checked_at: "2026-11-22T10:00:00Z",
    directory: [check("directory_token", "pass")],
    apps: [
      {
        app_code_name: "notesapp",
        app_name: "Notes",
        worst: "fail",
        checks: [
          check("brand_host", "pass"),
          check("landing_page", "warn", "Add a landing page."),
          check("redirect_uris", "fail", "Add an OAuth redirect URI."),
          check("credentials", "pass"),
          check("app_tokens", "warn", "Generate an app token."),
        ],
      },
    ],
    worst: "fail",
    counts: { pass: 3, warn: 2, unknown: 0, fail: 1 },
    apps_unlisted: null,
    markdown: MARKDOWN,
  };
}

function mockBackend(answer: () => ChecksReport = report): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (cmd === "check_app") return answer();
    return null;
  });
  return calls;
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ChecksPanel app="notesapp" />
    </QueryClientProvider>,
  );
}

describe("ChecksPanel", () => {
  it("lists failures first, then warnings, then passes, with the fixes and the counts", async () => {
    const calls = mockBackend();
    renderPanel();
    const list = await screen.findByTestId("checks-list");
    const items = within(list).getAllByTestId("check-item");
    expect(items.map((item) => item.dataset.id)).toEqual([
      "redirect_uris",
      "landing_page",
      "app_tokens",
      "directory_token",
      "brand_host",
      "credentials",
    ]);
    expect(items.map((item) => item.dataset.severity)).toEqual(["fail", "warn", "warn", "pass", "pass", "pass"]);
    expect(items[0]!.textContent).toContain("FAIL");
    expect(items[0]!.textContent).toContain("Title of redirect_uris");
    expect(items[0]!.textContent).toContain("Reason for redirect_uris");
    expect(items[0]!.textContent).toContain("Fix: Add an OAuth redirect URI.");
    expect(items[1]!.textContent).toContain("WARN");
    expect(items[3]!.textContent).toContain("PASS");
    expect(within(items[3]!).queryByTestId("check-fix")).toBeNull();

    const summary = screen.getByTestId("checks-summary");
    expect(summary.textContent).toContain("1 failed, 2 warnings, 3 passed");
    expect(summary.dataset.worst).toBe("fail");
    expect(summary.textContent).toContain("FAIL");
    expect(calls.find((call) => call.cmd === "check_app")?.args).toEqual({ app: "notesapp" });
  });

  it("runs the checks again on request", async () => {
    let runs = 0;
    mockBackend(() => {
      runs += 1;
      return runs === 1 ? report() : { ...report(), apps: [], worst: "pass", counts: { pass: 1, warn: 0, unknown: 0, fail: 0 } };
    });
    renderPanel();
    await screen.findByTestId("checks-list");
    const rerun = screen.getByTestId("checks-rerun") as HTMLButtonElement;
    await waitFor(() => expect(rerun.disabled).toBe(false));
    fireEvent.click(rerun);
    await waitFor(() => expect(screen.getByTestId("checks-summary").textContent).toContain("1 passed"));
    expect(runs).toBe(2);
    expect(screen.getAllByTestId("check-item").map((item) => item.dataset.id)).toEqual(["directory_token"]);
  });

  it("copies the Markdown report, and the JSON without the Markdown", async () => {
    const calls = mockBackend();
    renderPanel();
    const copy = await screen.findByTestId("checks-copy-markdown");
    expect(copy.textContent).toBe("Copy report");
    fireEvent.click(copy);
    await waitFor(() => expect(screen.getByTestId("checks-copy-markdown").textContent).toBe("Copied"));
    expect(calls.filter((call) => call.cmd === "clipboard_copy_text").map((call) => call.args)).toEqual([
      { text: MARKDOWN },
    ]);

    fireEvent.click(screen.getByTestId("checks-copy-json"));
    await waitFor(() => expect(screen.getByTestId("checks-copy-json").textContent).toBe("Copied"));
    const sent = calls.filter((call) => call.cmd === "clipboard_copy_text")[1]!.args.text as string;
    const parsed = JSON.parse(sent) as Record<string, unknown>;
    expect(parsed).not.toHaveProperty("markdown");
    const { markdown: _markdown, ...rest } = report();
    expect(_markdown).toBe(MARKDOWN);
    expect(parsed).toEqual(rest);
  });

  it("shows an error with a retry", async () => {
    let fail = true;
    mockIPC((cmd) => {
      if (cmd === "check_app") {
        if (fail) throw { code: "network", message: "Could not reach https://api.example.com/." };
        return report();
      }
      return null;
    });
    renderPanel();
    const notice = await screen.findByTestId("checks-error");
    expect(notice.dataset.code).toBe("network");
    expect(notice.textContent).toContain("Could not reach");
    fail = false;
    fireEvent.click(within(notice).getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("checks-list")).toBeTruthy();
    expect(screen.queryByTestId("checks-error")).toBeNull();
  });
});
