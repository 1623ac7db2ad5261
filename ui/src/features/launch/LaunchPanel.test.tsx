import { describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { emit } from "@tauri-apps/api/event";
import type { LaunchEvent, LaunchStarted } from "../../api/bindings";
import { INSTALLED, KEY, mockLaunchBackend, STARTED, verdict, type Call } from "../../test/fakeLaunch";
import { LaunchPanel } from "./LaunchPanel";

function renderPanel(client = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  const view = render(
    <QueryClientProvider client={client}>
      <LaunchPanel app="notesapp" />
    </QueryClientProvider>,
  );
  return { ...view, client };
}

const select = (id: string) => document.getElementById(id) as HTMLSelectElement;
const startButton = () => screen.getByTestId("launch-start") as HTMLButtonElement;
const optionsOf = (id: string) =>
  [...select(id).options].map((option) => ({ label: option.textContent, disabled: option.disabled }));
const starts = (calls: Call[]) => calls.filter((call) => call.cmd === "launch_start");

/** Emits a `launch-event` and lets the query cache tell the page (it notifies on a timer). */
async function send(event: LaunchEvent) {
  await act(async () => {
    await emit("launch-event", event);
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
}

/** Waits for the businesses, then launches and waits for the plan. */
async function launch(calls: Call[]) {
  await waitFor(() => expect(select("launch-business")?.value).toBe("biz-1"));
  fireEvent.click(startButton());
  await screen.findByTestId("launch-waiting");
  expect(starts(calls)).toHaveLength(1);
}

describe("LaunchPanel", () => {
  it("loads the businesses and starts on the first business, as its owner", async () => {
    mockLaunchBackend();
    renderPanel();
    expect(screen.getByTestId("launch-businesses-loading").textContent).toContain("Reading the directory");
    await waitFor(() => expect(select("launch-business")?.value).toBe("biz-1"));
    expect(select("launch-staff").value).toBe("staff-1");
    expect((document.getElementById("launch-probe") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("launch-panel").textContent).toContain("as the App Market's Open app does");
    expect(screen.getByTestId("launch-running-note").textContent).toMatch(/must be running, and reachable at its landing page/);
  });

  it("shows a blocked business and staff who cannot sign in, and lets neither be chosen", async () => {
    mockLaunchBackend();
    renderPanel();
    await waitFor(() => expect(select("launch-business")?.value).toBe("biz-1"));
    expect(optionsOf("launch-business")).toEqual([
      { label: "Sunny Salon", disabled: false },
      { label: "Closed Spa (blocked)", disabled: true },
      { label: "Quiet Studio", disabled: false },
    ]);
    expect(optionsOf("launch-staff")).toEqual([
      { label: "bob@sunny.example · staff (blocked)", disabled: true },
      { label: "ana@sunny.example (owner)", disabled: false },
      { label: "cy@sunny.example · admin", disabled: false },
    ]);
    // An owner who cannot sign in is not the default: the first who can is.
    fireEvent.change(select("launch-business"), { target: { value: "biz-3" } });
    expect(select("launch-staff").value).toBe("staff-5");
    expect(optionsOf("launch-staff")[0]).toEqual({ label: "dan@quiet.example (owner, not active)", disabled: true });
  });

  it("sends the chosen business, staff member and probe", async () => {
    const calls = mockLaunchBackend();
    renderPanel();
    await waitFor(() => expect(select("launch-business")?.value).toBe("biz-1"));
    fireEvent.change(select("launch-business"), { target: { value: "biz-3" } });
    fireEvent.change(select("launch-staff"), { target: { value: "staff-6" } });
    fireEvent.click(document.getElementById("launch-probe")!);
    fireEvent.click(startButton());
    await screen.findByTestId("launch-waiting");
    expect(starts(calls).map((call) => call.args)).toEqual([
      { request: { app: "notesapp", business_uid: "biz-3", staff_uid: "staff-6", probe: false } },
    ]);
  });

  it("starts one launch however quickly Launch is clicked twice", async () => {
    let answer: (started: LaunchStarted) => void = () => {};
    const calls = mockLaunchBackend({ start: () => new Promise<LaunchStarted>((resolve) => (answer = resolve)) });
    renderPanel();
    await waitFor(() => expect(select("launch-business")?.value).toBe("biz-1"));
    fireEvent.click(startButton());
    fireEvent.click(startButton());
    await waitFor(() => expect(startButton().textContent).toBe("Preparing the launch…"));
    expect(startButton().disabled).toBe(true);
    fireEvent.submit(screen.getByTestId("launch-form"));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(starts(calls)).toHaveLength(1);
    await act(async () => answer(STARTED));
    await screen.findByTestId("launch-waiting");
    expect(startButton().disabled).toBe(true);
    expect(starts(calls)).toHaveLength(1);
  });

  it("shows the plan and the wait, then the verdict for its key: each check with its severity and fix", async () => {
    const calls = mockLaunchBackend();
    renderPanel();
    await launch(calls);
    expect(screen.getByTestId("launch-plan-business").textContent).toContain("Sunny Salon");
    expect(screen.getByTestId("launch-plan-staff").textContent).toBe("ana@sunny.example");
    expect(screen.getByTestId("launch-notes").textContent).toBe(INSTALLED);
    expect(screen.getByTestId("launch-waiting").textContent).toBe(
      "Sign in as ana@sunny.example in the App launch window and use your app; the verdict appears when the app's flow ends.",
    );

    await send({ kind: "finished", key: KEY, verdict: verdict() });
    const shown = screen.getByTestId("launch-verdict");
    expect(shown.dataset.verdict).toBe("fail");
    expect(screen.getByTestId("launch-headline").textContent).toBe("Failed");
    expect(document.activeElement).toBe(screen.getByTestId("launch-headline"));
    const rows = within(shown).getAllByTestId("launch-check");
    expect(rows.map((row) => [row.dataset.id, row.dataset.severity])).toEqual([
      ["launched", "pass"],
      ["redirect_uri", "fail"],
      ["state_sent", "warn"],
    ]);
    expect(rows[1]!.className).toContain("ck-item-fail");
    expect(within(rows[1]!).getByTestId("launch-check-seen").textContent).toContain("is not one of the app's registered");
    expect(within(rows[1]!).getByTestId("launch-check-fix").textContent).toBe(
      "Fix: Send exactly one of the app's oauth_redirect_uris, or register it.",
    );
    expect(within(rows[0]!).queryByTestId("launch-check-fix")).toBeNull();
    // The plan's notes are not said twice.
    expect(screen.getByTestId("launch-verdict-notes").textContent).toBe("The state probe ran after the flow.");
    expect(screen.queryByTestId("launch-browser-only")).toBeNull();
    expect(screen.queryByTestId("launch-waiting")).toBeNull();
    expect(screen.queryByTestId("launch-stop")).toBeNull();
    expect(startButton().disabled).toBe(false);
  });

  it("says plainly when only the browser side was judged", async () => {
    const calls = mockLaunchBackend();
    renderPanel();
    await launch(calls);
    await send({ kind: "finished", key: KEY, verdict: verdict({ sandbox: false, verdict: "warn" }) });
    expect(screen.getByTestId("launch-headline").textContent).toBe("Passed with warnings");
    expect(screen.getByTestId("launch-browser-only").textContent).toMatch(
      /Only the browser side was judged.*Launch on the Sandbox profile to check the rest/,
    );
  });

  it("ignores an event for another launch", async () => {
    const calls = mockLaunchBackend();
    renderPanel();
    await launch(calls);
    await send({ kind: "finished", key: KEY + 1, verdict: verdict() });
    await send({ kind: "failed", key: KEY + 1, error: { code: "internal", message: "Not ours." } });
    expect(screen.queryByTestId("launch-verdict")).toBeNull();
    expect(screen.queryByTestId("launch-error")).toBeNull();
    expect(screen.getByTestId("launch-waiting")).toBeTruthy();
  });

  it("keeps an end that arrives before launch_start answers", async () => {
    mockLaunchBackend({
      start: async () => {
        await emit("launch-event", { kind: "finished", key: KEY, verdict: verdict({ verdict: "pass", checks: [] }) });
        return STARTED;
      },
    });
    renderPanel();
    await waitFor(() => expect(select("launch-business")?.value).toBe("biz-1"));
    fireEvent.click(startButton());
    expect((await screen.findByTestId("launch-verdict")).dataset.verdict).toBe("pass");
    expect(screen.getByTestId("launch-headline").textContent).toBe("Passed");
  });

  it("tells a failed launch through the error table", async () => {
    const calls = mockLaunchBackend();
    renderPanel();
    await launch(calls);
    await send({ kind: "failed", key: KEY, error: { code: "internal", message: "The launch window could not be opened." } });
    const notice = screen.getByTestId("launch-error");
    expect(notice.dataset.code).toBe("internal");
    expect(notice.textContent).toContain("Something went wrong");
    expect(notice.textContent).toContain("The launch window could not be opened.");
    expect(startButton().disabled).toBe(false);
  });

  it("tells a refused launch at once, with what to do", async () => {
    const message =
      "Your app's landing page http://127.0.0.1:5000/app does not answer (connection refused): start the app, then launch again.";
    mockLaunchBackend({
      start: () => {
        throw { code: "network", message };
      },
    });
    renderPanel();
    await waitFor(() => expect(select("launch-business")?.value).toBe("biz-1"));
    fireEvent.click(startButton());
    const notice = await screen.findByTestId("launch-error");
    expect(notice.dataset.code).toBe("network");
    expect(notice.textContent).toContain(message);
    expect(notice.textContent).toContain("Start your app so its landing page answers, then launch again.");
    expect(screen.queryByTestId("launch-run")).toBeNull();
    expect(startButton().disabled).toBe(false);
  });

  it("stops the launch by its key", async () => {
    const calls = mockLaunchBackend();
    renderPanel();
    await launch(calls);
    fireEvent.click(screen.getByTestId("launch-stop"));
    await waitFor(() => expect(calls.filter((call) => call.cmd === "launch_stop").map((call) => call.args)).toEqual([{ key: KEY }]));
    // What was seen so far is judged, and arrives as the launch's end.
    await waitFor(() => expect(screen.getByTestId("launch-stop").textContent).toBe("Stopping…"));
    expect((screen.getByTestId("launch-stop") as HTMLButtonElement).disabled).toBe(true);
    await send({ kind: "finished", key: KEY, verdict: verdict() });
    expect(screen.getByTestId("launch-verdict").dataset.verdict).toBe("fail");
  });

  it("copies the verdict's Markdown report", async () => {
    const calls = mockLaunchBackend();
    renderPanel();
    await launch(calls);
    await send({ kind: "finished", key: KEY, verdict: verdict() });
    const copy = screen.getByTestId("launch-copy-report");
    expect(copy.textContent).toBe("Copy report (Markdown)");
    fireEvent.click(copy);
    await waitFor(() => expect(copy.textContent).toBe("Copied"));
    expect(calls.filter((call) => call.cmd === "clipboard_copy_text").map((call) => call.args)).toEqual([
      { text: "# Launch 12 of notesapp\n\nVerdict: fail" },
    ]);
  });

  it("still launches, with Rust's defaults, when the businesses cannot be listed", async () => {
    const calls = mockLaunchBackend({
      businesses: () => {
        throw { code: "network", message: "The platform could not be reached at https://api.example.com/." };
      },
    });
    renderPanel();
    expect((await screen.findByTestId("launch-businesses-error")).textContent).toContain("could not be reached");
    expect(select("launch-business")).toBeNull();
    fireEvent.click(startButton());
    await screen.findByTestId("launch-waiting");
    expect(starts(calls)[0]?.args).toEqual({ request: { app: "notesapp", business_uid: null, staff_uid: null, probe: true } });
  });

  it("lists past launches newest first, each opening to its checklist, and refreshes them when a launch ends", async () => {
    let past = [verdict({ run_id: 11, verdict: "pass", started_at: "2026-11-21T09:00:00Z", checks: [] })];
    const calls = mockLaunchBackend({ launches: () => past });
    renderPanel();
    await waitFor(() => expect(screen.getAllByTestId("launch-history-row")).toHaveLength(1));
    await launch(calls);
    past = [verdict(), ...past];
    await send({ kind: "finished", key: KEY, verdict: verdict() });
    await waitFor(() => expect(screen.getAllByTestId("launch-history-row")).toHaveLength(2));
    const rows = screen.getAllByTestId("launch-history-row");
    expect(rows.map((row) => row.dataset.verdict)).toEqual(["fail", "pass"]);
    expect(rows[0]!.textContent).toMatch(/Launch 12 · failed · \d{4}-\d\d-\d\d \d\d:\d\d · business biz-1/);
    expect(rows[1]!.textContent).toContain("Launch 11 · passed");
    const toggle = within(rows[0]!).getByTestId("launch-history-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(within(rows[0]!).getAllByTestId("launch-check").map((row) => row.dataset.id)).toEqual([
      "launched",
      "redirect_uri",
      "state_sent",
    ]);
  });

  it("keeps the launch when the tab is left and opened again", async () => {
    const calls = mockLaunchBackend();
    const { client, unmount } = renderPanel();
    await launch(calls);
    unmount();
    await send({ kind: "finished", key: KEY, verdict: verdict() });
    renderPanel(client);
    expect((await screen.findByTestId("launch-verdict")).dataset.verdict).toBe("fail");
    // Reopening the tab on a verdict does not move focus.
    expect(document.activeElement).not.toBe(screen.getByTestId("launch-headline"));
  });
});
