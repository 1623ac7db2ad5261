import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { AppChecks, CheckResult, ChecksProgress, ChecksReport } from "../../api/bindings";
import type { Navigate } from "../../route";
import { ChecksView } from "./ChecksView";

type Call = { cmd: string; args: Record<string, unknown> };

function check(id: string, severity: CheckResult["severity"]): CheckResult {
  return { id, title: `Title of ${id}`, severity, reason: `Reason for ${id}`, fix: severity === "pass" ? null : `Fix ${id}` };
}

function app(code: string, name: string | null, checks: CheckResult[]): AppChecks {
  const worst = checks.some((c) => c.severity === "fail") ? "fail" : checks.some((c) => c.severity === "warn") ? "warn" : "pass";
  return { app_code_name: code, app_name: name, worst, checks };
}

const MARKDOWN = "# Checks\n\n3 apps";

// As the shell sends it: most severe first.
const REPORT: ChecksReport = {
  profile: "Sandbox",
  api_base: "https://api.example.com/",
  checked_at: "2026-11-22T10:00:00Z",
  directory: [check("directory_token", "pass")],
  apps: [
    app("zeta", "Zeta", [check("redirect_uris", "fail"), check("brand_host", "fail"), check("landing_page", "warn")]),
    app("alpha", "Alpha", [check("redirect_uris", "fail"), check("brand_host", "pass")]),
    app("beta", "Beta", [check("redirect_uris", "pass"), check("credentials", "warn")]),
    app("gamma", null, [check("redirect_uris", "pass")]),
  ],
  worst: "fail",
  counts: { pass: 4, warn: 2, unknown: 0, fail: 3 },
  apps_unlisted: null,
  markdown: MARKDOWN,
};

function mockBackend(checkAll: () => unknown): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
      if (cmd === "check_all") return checkAll();
      return null;
    },
    { shouldMockEvents: true },
  );
  return calls;
}

function renderView(navigate: Navigate = () => {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ChecksView navigate={navigate} />
    </QueryClientProvider>,
  );
}

async function progress(payload: ChecksProgress) {
  await act(async () => {
    await emit("checks-progress", payload);
  });
}

/** Waits for the event subscription (the button is enabled once it is up), then runs. */
async function runAll() {
  const button = (await screen.findByTestId("checks-run-all")) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
}

function rowCodes(): string[] {
  return within(screen.getByTestId("checks-table"))
    .getAllByTestId("checks-row")
    .map((row) => row.dataset.app ?? "");
}

describe("ChecksView", () => {
  it("does not run by itself; shows the progress events, then the apps most severe first", async () => {
    let answer: (report: ChecksReport) => void = () => {};
    const calls = mockBackend(() => new Promise<ChecksReport>((resolve) => (answer = resolve)));
    renderView();
    await waitFor(() => expect((screen.getByTestId("checks-run-all") as HTMLButtonElement).disabled).toBe(false));
    expect(calls.some((call) => call.cmd === "check_all")).toBe(false);
    expect(screen.queryByTestId("checks-table")).toBeNull();

    await runAll();
    await waitFor(() => expect(calls.some((call) => call.cmd === "check_all")).toBe(true));
    expect(screen.getByTestId("checks-progress")).toBeTruthy();
    expect((screen.getByTestId("checks-run-all") as HTMLButtonElement).disabled).toBe(true);

    await progress({ done: 1, total: 4 });
    expect(screen.getByTestId("checks-progress").textContent).toContain("1 of 4 apps checked");
    await progress({ done: 3, total: 4 });
    const bar = within(screen.getByTestId("checks-progress")).getByLabelText("Apps checked") as HTMLProgressElement;
    expect(screen.getByTestId("checks-progress").textContent).toContain("3 of 4 apps checked");
    expect(bar.value).toBe(3);
    expect(bar.max).toBe(4);

    await act(async () => answer(REPORT));
    await screen.findByTestId("checks-table");
    expect(screen.queryByTestId("checks-progress")).toBeNull();
    expect(rowCodes()).toEqual(["zeta", "alpha", "beta", "gamma"]);

    const zeta = screen.getAllByTestId("checks-row")[0]!;
    expect(zeta.dataset.worst).toBe("fail");
    expect(zeta.textContent).toContain("FAIL");
    expect(zeta.textContent).toContain("Fail: Title of redirect_uris");
    expect(zeta.textContent).toContain("Warn: Title of landing_page");
    const cells = zeta.querySelectorAll("td");
    expect(cells[3]!.textContent).toBe("2");
    expect(cells[4]!.textContent).toBe("1");
    // An app without a name shows its code name.
    expect(screen.getAllByTestId("checks-row")[3]!.textContent).toContain("gamma");

    const summary = screen.getByTestId("checks-summary");
    expect(summary.textContent).toContain("3 failed, 2 warnings, 4 passed");
    expect(
      within(screen.getByTestId("checks-directory"))
        .getAllByTestId("check-item")
        .map((item) => item.dataset.id),
    ).toEqual(["directory_token"]);
  });

  it("says the platform did not answer during an outage, never that the token is bad or the directory empty", async () => {
    const outage: ChecksReport = {
      ...REPORT,
      directory: [
        {
          id: "directory_token",
          title: "The profile's token is a valid directory token",
          severity: "unknown",
          reason: "Could not check: the platform did not answer the listing of the directory's apps (502).",
          fix: "Run the checks again when the platform answers.",
        },
      ],
      apps: [],
      worst: "unknown",
      counts: { pass: 0, warn: 0, unknown: 1, fail: 0 },
      apps_unlisted: "The directory's apps could not be listed, so none was checked: the platform answered 502.",
    };
    mockBackend(() => outage);
    renderView();
    await runAll();
    const unlisted = await screen.findByTestId("checks-apps-unlisted");
    expect(unlisted.textContent).toContain("could not be listed");
    expect(screen.queryByText("No apps in this directory.")).toBeNull();
    const token = within(screen.getByTestId("checks-directory")).getByTestId("check-item");
    expect(token.textContent).toContain("COULD NOT CHECK");
    expect(token.textContent).not.toContain("FAIL");
    const summary = screen.getByTestId("checks-summary");
    expect(summary.dataset.worst).toBe("unknown");
    expect(summary.textContent).toContain("1 could not be checked (the platform did not answer)");
    expect(summary.textContent).not.toContain("failed");
  });

  it("sorts by name and by code name, and back to most severe first", async () => {
    const shuffled = { ...REPORT, apps: [REPORT.apps[2]!, REPORT.apps[3]!, REPORT.apps[1]!, REPORT.apps[0]!] };
    mockBackend(() => shuffled);
    renderView();
    await runAll();
    await screen.findByTestId("checks-table");
    expect(rowCodes()).toEqual(["zeta", "alpha", "beta", "gamma"]);
    const sort = screen.getByLabelText("Sort checks");
    expect(sort).toBe(screen.getByTestId("checks-sort"));

    fireEvent.change(sort, { target: { value: "name" } });
    expect(rowCodes()).toEqual(["alpha", "beta", "gamma", "zeta"]);
    fireEvent.change(sort, { target: { value: "code" } });
    expect(rowCodes()).toEqual(["alpha", "beta", "gamma", "zeta"]);
    fireEvent.change(sort, { target: { value: "severity" } });
    expect(rowCodes()).toEqual(["zeta", "alpha", "beta", "gamma"]);
  });

  it("opens an app's Checks tab from its name", async () => {
    mockBackend(() => REPORT);
    const navigate = vi.fn();
    renderView(navigate);
    await runAll();
    await screen.findByTestId("checks-table");
    fireEvent.click(screen.getByRole("button", { name: "Beta" }));
    expect(navigate).toHaveBeenCalledWith({ view: "app", app: "beta", tab: "checks" });
  });

  it("copies the Markdown report and the JSON", async () => {
    const calls = mockBackend(() => REPORT);
    renderView();
    await runAll();
    fireEvent.click(await screen.findByTestId("checks-all-copy-markdown"));
    await waitFor(() => expect(screen.getByTestId("checks-all-copy-markdown").textContent).toBe("Copied"));
    fireEvent.click(screen.getByTestId("checks-all-copy-json"));
    await waitFor(() => expect(screen.getByTestId("checks-all-copy-json").textContent).toBe("Copied"));
    const copied = calls.filter((call) => call.cmd === "clipboard_copy_text").map((call) => call.args.text as string);
    expect(copied[0]).toBe(MARKDOWN);
    const parsed = JSON.parse(copied[1]!) as Record<string, unknown>;
    expect(parsed).not.toHaveProperty("markdown");
    expect(parsed.apps).toEqual(REPORT.apps);
  });

  it("shows an error from check_all, and runs again from it", async () => {
    let fail = true;
    mockBackend(() => {
      if (fail) throw { code: "unauthorized", message: "The directory token was refused." };
      return REPORT;
    });
    renderView();
    await runAll();
    const notice = await screen.findByTestId("checks-all-error");
    expect(notice.getAttribute("role")).toBe("alert");
    expect(notice.dataset.code).toBe("unauthorized");
    expect(notice.textContent).toContain("The directory token was refused.");
    expect(screen.queryByTestId("checks-table")).toBeNull();
    fail = false;
    fireEvent.click(within(notice).getByRole("button", { name: "Try again" }));
    await screen.findByTestId("checks-table");
    expect(screen.queryByTestId("checks-all-error")).toBeNull();
  });
});
