import { afterEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type {
  OAuthCompletion,
  OAuthEvent,
  OAuthRunView,
  OAuthStarted,
  RedirectUrisView,
  TimelineStep,
} from "../../api/bindings";
import { OAuthTester } from "./OAuthTester";

const LANDING = "https://notes.example.com/app";
const OAUTH = "https://notes.example.com/oauth/callback";
const LOOPBACK = "http://127.0.0.1:8765/cb";
const BRAND = "https://brand.example.com/";
const RUN = 7;

type Call = { cmd: string; args: Record<string, unknown> };

function step(kind: TimelineStep["kind"], at: string, summary: string, extra: Partial<TimelineStep> = {}): TimelineStep {
  return { kind, at, duration_ms: null, ok: true, summary, request: null, response: null, ...extra };
}

const AUTHORIZE = step("authorize", "2026-11-22T10:00:00.000Z", "Authorize URL made for " + OAUTH);
const PAGE = step("authorize_page", "2026-11-22T10:00:00.200Z", "The authorize page answered 200", { duration_ms: 180 });
const NAVIGATION = step("navigation", "2026-11-22T10:00:01.000Z", "Went to the login page");
const REDIRECT = step("redirect", "2026-11-22T10:00:05.000Z", "Redirect captured");
const EXCHANGE = step("exchange", "2026-11-22T10:00:05.400Z", "Exchanged the code", {
  duration_ms: 380,
  request: {
    method: "POST",
    url: "https://api.example.com/oauth/token",
    headers: [["content-type", "application/json"]],
    body: { grant_type: "authorization_code", code: "…redacted", client_secret: "…redacted" },
  },
  response: { status: null, body: { token_type: "Bearer", access_token: "…wxyz" } },
});
const USER_INFO = step("user_info", "2026-11-22T10:00:05.700Z", "Read the userinfo", { duration_ms: 250 });

function run(over: Partial<OAuthRunView> = {}): OAuthRunView {
  return {
    run_id: RUN,
    app_code_name: "notesapp",
    redirect_uri: OAUTH,
    started_at: "2026-11-22T10:00:00Z",
    finished_at: null,
    outcome: null,
    error: null,
    has_access_token: false,
    userinfo: null,
    timeline: [AUTHORIZE, PAGE],
    ...over,
  };
}

function started(redirectUri = OAUTH): OAuthStarted {
  return {
    begin: {
      run_id: RUN,
      app_code_name: "notesapp",
      authorize_url: "https://brand.example.com/oauth/authorize?client_id=c&state=%5Bredacted%5D",
      redirect_uri: redirectUri,
      pkce: true,
      expires_at: "2026-11-22T10:10:00Z",
    },
    browser: "embedded",
    window_label: `oauth-${RUN}`,
  };
}

function completion(over: Partial<OAuthCompletion> = {}): OAuthCompletion {
  return {
    run_id: RUN,
    app_code_name: "notesapp",
    outcome: "succeeded",
    error: null,
    userinfo: {
      sub: "staff-42",
      role: "admin",
      business_uid: "biz-123",
      brand_host: "brand.example.com",
      directory_uid: "dir-9",
      email: "owner@example.com",
    },
    token: {
      access_token: "…wxyz",
      token_type: "Bearer",
      expires_in: 3600,
      expires_at: null,
      scope: null,
      has_refresh_token: true,
    },
    timings: {
      code_lifetime_ms: 30_000,
      before_exchange_ms: 20,
      exchange_ms: 380,
      window_used_ms: 412,
      userinfo_ms: 250,
      total_ms: 5_700,
    },
    timeline: [AUTHORIZE, PAGE, NAVIGATION, REDIRECT, EXCHANGE, USER_INFO],
    ...over,
  };
}

type Options = {
  uris?: string[];
  start?: (args: Record<string, unknown>) => unknown;
  runs?: () => OAuthRunView[];
  /** Any other command's answer (a throw is its refusal). */
  other?: (cmd: string, args: Record<string, unknown>) => unknown;
};

function mockBackend(options: Options = {}): Call[] {
  const calls: Call[] = [];
  const uris = options.uris ?? [OAUTH];
  mockIPC(
    (cmd, args) => {
      const payload = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: payload });
      switch (cmd) {
        case "console_overview":
          return {
            version: "0.1.0",
            data_dir: "/tmp/data",
            store: { unlocked: true, key_source: "keyring", passphrase_prompt: null },
            current_profile: {
              id: 1,
              name: "Sandbox",
              kind: "sandbox",
              api_base: "https://api.example.com/",
              brand_url: BRAND,
              directory_token: "…a1b2",
              is_current: true,
              insecure: false,
              created_at: "2026-11-22T10:00:00Z",
            },
            startup_error: null,
            sandbox_login: null,
          };
        case "redirect_uris_list":
          return {
            app_code_name: "notesapp",
            uris: [
              { uri: LANDING, role: "landing_page" },
              ...uris.map((uri) => ({ uri, role: "o_auth" as const })),
            ],
          } satisfies RedirectUrisView;
        case "oauth_runs":
          return options.runs?.() ?? [];
        case "oauth_start":
          return options.start ? options.start(payload) : started();
        case "oauth_stop":
        case "clipboard_copy_text":
          return null;
        case "oauth_report":
          return { run_id: payload.run_id, markdown: "# OAuth test 7\n\nOutcome: succeeded", json: {} };
        default:
          return options.other ? options.other(cmd, payload) : null;
      }
    },
    { shouldMockEvents: true },
  );
  return calls;
}

function renderTester() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <OAuthTester app="notesapp" />
    </QueryClientProvider>,
  );
}

async function send(event: OAuthEvent) {
  await act(async () => {
    await emit("oauth-event", event);
  });
}

/** Waits for the form's defaults (redirect URIs, brand URL, event subscription), then starts. */
async function startTest() {
  await waitFor(() => expect((document.getElementById("oauth-brand-url") as HTMLInputElement).value).toBe(BRAND));
  const button = screen.getByTestId("oauth-start") as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
}

describe("OAuthTester", () => {
  it("starts with the form's defaults and follows the run to its userinfo", async () => {
    let current: OAuthRunView[] = [];
    const calls = mockBackend({ runs: () => current, start: () => ((current = [run()]), started()) });
    renderTester();
    await waitFor(() => expect((document.getElementById("oauth-redirect-uri") as HTMLSelectElement).value).toBe(OAUTH));
    expect(screen.getByRole("option", { name: `${LANDING} (landing page)` })).toBeTruthy();
    expect((document.getElementById("oauth-pkce") as HTMLInputElement).checked).toBe(true);
    await startTest();

    await waitFor(() => expect(calls.some((call) => call.cmd === "oauth_start")).toBe(true));
    expect(calls.find((call) => call.cmd === "oauth_start")?.args).toEqual({
      input: {
        begin: { app: "notesapp", redirect_uri: OAUTH, brand_url: BRAND, pkce: true, scope: null },
        browser: "embedded",
      },
    });
    // The steps known at start come from the run's stored timeline.
    await waitFor(() => expect(screen.getAllByTestId("oauth-step").map((li) => li.dataset.kind)).toEqual(["authorize", "authorize_page"]));
    expect((screen.getByTestId("oauth-start") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("oauth-stop")).toBeTruthy();

    expect(screen.getByTestId("oauth-window-status").textContent).toContain("opening");
    await send({ kind: "step", run_id: RUN, step: NAVIGATION });
    await send({ kind: "page_loaded", run_id: RUN, url: BRAND + "app/oauth/authorize?state=%5Bredacted%5D" });
    const status = screen.getByTestId("oauth-window-status");
    expect(status.dataset.loaded).toBe("1");
    expect(status.textContent).toContain("waiting for the sign-in");
    await send({ kind: "step", run_id: RUN, step: REDIRECT });
    await send({ kind: "captured", run_id: RUN, url: OAUTH + "?code=…&state=…", captured_at_ms: Date.now() });
    const timeline = screen.getByTestId("oauth-timeline");
    expect(within(timeline).getAllByTestId("oauth-step").map((li) => li.dataset.kind)).toEqual([
      "authorize",
      "authorize_page",
      "navigation",
      "redirect",
    ]);
    expect(timeline.textContent).toContain("Login window page");
    expect(screen.getByTestId("oauth-countdown").textContent).toMatch(/Code window: (29|30)\.\d s left/);

    await send({ kind: "finished", run_id: RUN, completion: completion(), captured_at_ms: Date.now() - 500 });
    expect(screen.getAllByTestId("oauth-step").map((li) => li.dataset.kind)).toEqual([
      "authorize",
      "authorize_page",
      "navigation",
      "redirect",
      "exchange",
      "user_info",
    ]);
    const exchange = screen.getAllByTestId("oauth-step")[4]!;
    expect(exchange.textContent).toContain("Code exchanged");
    expect(exchange.textContent).toContain("380 ms");
    expect(exchange.querySelector("details")?.textContent).toContain('"grant_type": "authorization_code"');
    expect(screen.getByTestId("oauth-countdown").textContent).toContain("The exchange used 0.4 s of the code's 30 s");
    expect(screen.getByTestId("oauth-userinfo-business_uid").textContent).toBe("biz-123");
    expect(screen.getByTestId("oauth-userinfo-sub").textContent).toBe("staff-42");
    expect(screen.getByTestId("oauth-userinfo-role").textContent).toBe("admin");
    expect(screen.getByTestId("oauth-userinfo-brand_host").textContent).toBe("brand.example.com");
    expect(screen.getByTestId("oauth-userinfo-directory_uid").textContent).toBe("dir-9");
    expect(screen.getByTestId("oauth-userinfo-email").textContent).toBe("owner@example.com");
    expect(screen.queryByTestId("oauth-userinfo-business_name")).toBeNull();
    expect(screen.getByTestId("oauth-result").textContent).toContain("Staff (sub)");
    expect((await screen.findByTestId("oauth-shown-after")).textContent).toMatch(/^Shown \d+ ms after the redirect was captured$/);
    expect(screen.queryByTestId("oauth-failure")).toBeNull();
    expect(screen.queryByTestId("oauth-stop")).toBeNull();
    expect((screen.getByTestId("oauth-start") as HTMLButtonElement).disabled).toBe(false);
  });

  it("keeps events that arrive before the start answers, and ignores other runs' events", async () => {
    let answer: (value: OAuthStarted) => void = () => {};
    mockBackend({ start: () => new Promise<OAuthStarted>((resolve) => (answer = resolve)) });
    renderTester();
    await startTest();
    await send({ kind: "step", run_id: RUN, step: NAVIGATION });
    await send({ kind: "step", run_id: RUN + 1, step: step("navigation", "2026-11-22T10:00:02.000Z", "Another test's page") });
    await act(async () => answer(started()));
    await waitFor(() => expect(screen.getAllByTestId("oauth-step").map((li) => li.textContent)).toHaveLength(1));
    expect(screen.getByTestId("oauth-timeline").textContent).toContain("Went to the login page");
    expect(screen.getByTestId("oauth-timeline").textContent).not.toContain("Another test's page");

    await send({ kind: "cancelled", run_id: RUN + 1, reason: "The login window was closed before the platform redirected back." });
    await send({
      kind: "finished",
      run_id: RUN + 1,
      completion: completion({ run_id: RUN + 1 }),
      captured_at_ms: Date.now(),
    });
    expect(screen.queryByTestId("oauth-failure")).toBeNull();
    expect(screen.queryByTestId("oauth-result")).toBeNull();
    expect(screen.getByTestId("oauth-stop")).toBeTruthy();
  });

  it("explains a start the platform refused, with its own words", async () => {
    let current: OAuthRunView[] = [];
    const calls = mockBackend({
      runs: () => current,
      start: () => {
        current = [run({ outcome: "failed", error: "The platform refused the authorize request", finished_at: "2026-11-22T10:00:01Z" })];
        throw {
          code: "validation",
          status: 400,
          message: "The platform refused the authorize request: check that the redirect URI is registered.",
          vendor_message: "redirect_uri is not registered for this client",
        };
      },
    });
    renderTester();
    await startTest();
    const failure = await screen.findByTestId("oauth-failure");
    expect(failure.dataset.code).toBe("validation");
    expect(failure.textContent).toContain("The platform refused the authorize request and would never redirect back");
    expect(failure.textContent).toContain("redirect_uri is not registered for this client");
    expect(failure.textContent).toContain("HTTP 400");
    // The refused run is in the history, which was read again.
    await waitFor(() => expect(calls.filter((call) => call.cmd === "oauth_runs")).toHaveLength(2));
    expect(await screen.findByTestId(`oauth-run-${RUN}`)).toBeTruthy();
    expect((screen.getByTestId("oauth-start") as HTMLButtonElement).disabled).toBe(false);
  });

  it("explains a denial on the consent page", async () => {
    mockBackend();
    renderTester();
    await startTest();
    await screen.findByTestId("oauth-stop");
    await send({ kind: "captured", run_id: RUN, url: OAUTH + "?error=access_denied", captured_at_ms: Date.now() });
    await send({
      kind: "finished",
      run_id: RUN,
      captured_at_ms: Date.now(),
      completion: completion({
        outcome: "failed",
        userinfo: null,
        token: null,
        error: { code: "access_denied", message: "The user denied access: ask them to approve the consent page." },
        timings: {
          code_lifetime_ms: 30_000,
          before_exchange_ms: null,
          exchange_ms: null,
          window_used_ms: null,
          userinfo_ms: null,
          total_ms: 4_000,
        },
        timeline: [AUTHORIZE, PAGE, REDIRECT],
      }),
    });
    const failure = screen.getByTestId("oauth-failure");
    expect(failure.dataset.code).toBe("access_denied");
    expect(failure.textContent).toContain("The user denied access on the consent page");
    expect(failure.textContent).toContain("ask them to approve the consent page");
    expect(screen.queryByTestId("oauth-result")).toBeNull();
  });

  it("explains a login window closed before the redirect, and stops on request", async () => {
    const calls = mockBackend();
    renderTester();
    await startTest();
    fireEvent.click(await screen.findByTestId("oauth-stop"));
    await waitFor(() => expect(calls.find((call) => call.cmd === "oauth_stop")?.args).toEqual({ run_id: RUN }));
    await send({ kind: "cancelled", run_id: RUN, reason: "The login window was closed before the platform redirected back." });
    const failure = screen.getByTestId("oauth-failure");
    expect(failure.dataset.code).toBe("cancelled");
    expect(failure.textContent).toContain("The login window was closed before the platform redirected back");
    expect(screen.queryByTestId("oauth-stop")).toBeNull();
    expect(screen.queryByTestId("oauth-countdown")).toBeNull();
  });

  it("explains an expired code and a state that did not match", async () => {
    mockBackend();
    renderTester();
    await startTest();
    await screen.findByTestId("oauth-stop");
    await send({
      kind: "failed",
      run_id: RUN,
      error: { code: "invalid_input", field: "state", message: "The redirect's state does not match this test's." },
    });
    const failure = screen.getByTestId("oauth-failure");
    expect(failure.dataset.code).toBe("invalid_input");
    expect(failure.textContent).toContain("The state did not match");

    fireEvent.click(screen.getByTestId("oauth-start"));
    await waitFor(() => expect(screen.queryByTestId("oauth-failure")).toBeNull());
    await screen.findByTestId("oauth-stop");
    await send({
      kind: "finished",
      run_id: RUN,
      captured_at_ms: Date.now(),
      completion: completion({
        outcome: "failed",
        userinfo: null,
        error: { code: "invalid_grant", status: 400, message: "The code was refused: start a new test." },
      }),
    });
    expect(screen.getByTestId("oauth-failure").textContent).toContain("codes live 30 seconds");
  });

  it("hints at a refusal page when the platform has said nothing for 45 s", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      mockBackend();
      renderTester();
      await startTest();
      await screen.findByTestId("oauth-stop");
      act(() => void vi.advanceTimersByTime(30_000));
      await send({ kind: "step", run_id: RUN, step: NAVIGATION });
      act(() => void vi.advanceTimersByTime(30_000));
      expect(screen.queryByTestId("oauth-stall")).toBeNull();
      act(() => void vi.advanceTimersByTime(16_000));
      expect(screen.getByTestId("oauth-stall").textContent).toContain("check the redirect URI and the brand URL");
      await send({ kind: "step", run_id: RUN, step: REDIRECT });
      expect(screen.queryByTestId("oauth-stall")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("offers the system browser only for a loopback http redirect URI", async () => {
    const calls = mockBackend({ uris: [OAUTH, LOOPBACK] });
    renderTester();
    const select = document.getElementById("oauth-redirect-uri") as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe(OAUTH));
    const system = document.getElementById("oauth-browser-system") as HTMLInputElement;
    expect(system.disabled).toBe(true);
    expect(screen.getByTestId("oauth-system-hint")).toBeTruthy();

    fireEvent.change(select, { target: { value: LOOPBACK } });
    expect(system.disabled).toBe(false);
    expect(screen.queryByTestId("oauth-system-hint")).toBeNull();
    fireEvent.click(system);
    fireEvent.input(document.getElementById("oauth-scope")!, { target: { value: " openid " } });
    fireEvent.click(document.getElementById("oauth-pkce")!);
    fireEvent.input(document.getElementById("oauth-brand-url")!, { target: { value: "https://partner.example.org" } });
    const start = screen.getByTestId("oauth-start") as HTMLButtonElement;
    await waitFor(() => expect(start.disabled).toBe(false));
    fireEvent.click(start);
    await waitFor(() => expect(calls.some((call) => call.cmd === "oauth_start")).toBe(true));
    expect(calls.find((call) => call.cmd === "oauth_start")?.args).toEqual({
      input: {
        begin: {
          app: "notesapp",
          redirect_uri: LOOPBACK,
          brand_url: "https://partner.example.org",
          pkce: false,
          scope: "openid",
        },
        browser: "system",
      },
    });
    await screen.findByTestId("oauth-stop");
  });

  it("copies a past run's report and shows it", async () => {
    const calls = mockBackend({
      runs: () => [run({ outcome: "succeeded", finished_at: "2026-11-22T10:00:06Z", has_access_token: true })],
    });
    renderTester();
    const history = await screen.findByTestId("oauth-history");
    fireEvent.click(await within(history).findByTestId(`oauth-copy-report-${RUN}`));
    await waitFor(() => expect(screen.getByTestId(`oauth-copy-report-${RUN}`).textContent).toBe("Copied"));
    expect(calls.find((call) => call.cmd === "oauth_report")?.args).toEqual({ run_id: RUN });
    expect(calls.find((call) => call.cmd === "clipboard_copy_text")?.args).toEqual({
      text: "# OAuth test 7\n\nOutcome: succeeded",
    });

    fireEvent.click(screen.getByTestId(`oauth-view-report-${RUN}`));
    expect((await screen.findByTestId(`oauth-report-${RUN}`)).textContent).toContain("Outcome: succeeded");
    expect(within(history).getByText("succeeded").className).toBe("badge ok");
  });
});

describe("OAuthTester timeline, for people to read", () => {
  const original = Element.prototype.scrollIntoView;
  afterEach(() => {
    Element.prototype.scrollIntoView = original;
  });

  it("scrolls the newest step into view as it arrives", async () => {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    mockBackend({ runs: () => [run()], start: () => started() });
    renderTester();
    await startTest();
    await screen.findByTestId("oauth-stop");
    await send({ kind: "step", run_id: RUN, step: NAVIGATION });
    const navigation = screen.getAllByTestId("oauth-step").find((li) => li.dataset.kind === "navigation");
    await waitFor(() => expect(scrolled.at(-1)).toBe(navigation));
    await send({ kind: "step", run_id: RUN, step: REDIRECT });
    const redirect = screen.getAllByTestId("oauth-step").find((li) => li.dataset.kind === "redirect");
    await waitFor(() => expect(scrolled.at(-1)).toBe(redirect));
  });

  it("shows a response's exact status and the token's lifetime in words", async () => {
    mockBackend();
    renderTester();
    await startTest();
    await screen.findByTestId("oauth-stop");
    const exchange = { ...EXCHANGE, response: { status: 201, body: { token_type: "Bearer" } } };
    // An answer whose status Rust did not record is not passed off as "2xx".
    const userInfo = { ...USER_INFO, response: { status: null, body: { sub: "staff-42" } } };
    await send({
      kind: "finished",
      run_id: RUN,
      captured_at_ms: Date.now(),
      completion: completion({
        timeline: [AUTHORIZE, PAGE, REDIRECT, exchange, userInfo],
        token: { access_token: "…wxyz", token_type: "Bearer", expires_in: 3600, expires_at: null, scope: null, has_refresh_token: false },
      }),
    });
    const step = screen.getAllByTestId("oauth-step").find((li) => li.dataset.kind === "exchange")!;
    expect(within(step).getByTestId("oauth-response-status").textContent).toBe("201");
    expect(step.textContent).not.toContain("2xx");
    const unknown = screen.getAllByTestId("oauth-step").find((li) => li.dataset.kind === "user_info")!;
    expect(unknown.textContent).toContain("status not recorded");
    expect(unknown.textContent).not.toContain("2xx");
    const token = screen.getByTestId("oauth-token").textContent;
    expect(token).toContain("expires in 1 hour");
    expect(token).not.toContain("3600");
  });

  it("reads a twenty-year token as 20 years", async () => {
    mockBackend();
    renderTester();
    await startTest();
    await screen.findByTestId("oauth-stop");
    await send({
      kind: "finished",
      run_id: RUN,
      captured_at_ms: Date.now(),
      completion: completion({
        token: { access_token: "…wxyz", token_type: "Bearer", expires_in: 631_152_000, expires_at: null, scope: null, has_refresh_token: false },
      }),
    });
    expect(screen.getByTestId("oauth-token").textContent).toContain("expires in 20 years");
  });

  it("numbers the past tests and the current one by their run", async () => {
    mockBackend({ runs: () => [run({ run_id: 5, outcome: "failed", finished_at: "2026-11-22T10:00:06Z" }), run()] });
    renderTester();
    const history = await screen.findByTestId("oauth-history");
    expect((await within(history).findByTestId("oauth-run-5")).textContent).toContain("Test 5");
    expect(within(history).getByTestId(`oauth-run-${RUN}`).textContent).toContain(`Test ${RUN}`);
    await startTest();
    expect(within(await screen.findByTestId("oauth-run")).getByRole("heading", { level: 2 }).textContent).toBe(`Test ${RUN}`);
  });

  it("follows the run's phases in its status line, and never waits for the sign-in once the redirect is captured", async () => {
    mockBackend();
    renderTester();
    await startTest();
    const status = () => screen.getByTestId("oauth-window-status");
    await waitFor(() => expect(status().dataset.phase).toBe("signing_in"));
    await send({ kind: "page_loaded", run_id: RUN, url: BRAND + "login" });
    expect(status().textContent).toContain("waiting for the sign-in");
    await send({ kind: "captured", run_id: RUN, url: OAUTH + "?code=…&state=…", captured_at_ms: Date.now() });
    // The login window may still load the redirect URI's page: the sign-in is over all the same.
    await send({ kind: "page_loaded", run_id: RUN, url: OAUTH + "?code=…" });
    expect(status().dataset.phase).toBe("captured");
    expect(status().textContent).not.toContain("waiting for the sign-in");
    await send({ kind: "exchanging", run_id: RUN });
    expect(status().dataset.phase).toBe("exchanging");
    expect(status().textContent).toContain("exchanging the code");
    await send({ kind: "finished", run_id: RUN, completion: completion(), captured_at_ms: Date.now() - 500 });
    expect(status().dataset.phase).toBe("done");
    expect(status().textContent).toContain("Done");
  });

  it("says a failure once when Rust's message repeats the explanation", async () => {
    mockBackend();
    renderTester();
    await startTest();
    await screen.findByTestId("oauth-stop");
    await send({ kind: "cancelled", run_id: RUN, reason: "The login window was closed before the platform redirected back." });
    const text = screen.getByTestId("oauth-failure").textContent ?? "";
    expect(text.match(/The login window was closed before the platform redirected back/g)).toHaveLength(1);
  });

  describe("in any browser (manual)", () => {
    const manual = (): OAuthStarted => ({ ...started(), browser: "manual", window_label: null });

    it("is offered for any redirect URI and starts a manual run", async () => {
      const calls = mockBackend({ start: manual });
      renderTester();
      await waitFor(() => expect((document.getElementById("oauth-redirect-uri") as HTMLSelectElement).value).toBe(OAUTH));
      const choice = document.getElementById("oauth-browser-manual") as HTMLInputElement;
      expect(choice.disabled).toBe(false);
      expect(choice.closest("label")?.textContent).toContain("Any browser (copy the link, paste the result back)");
      fireEvent.click(choice);
      await startTest();
      await waitFor(() => expect(calls.find((call) => call.cmd === "oauth_start")?.args).toEqual({
        input: { begin: { app: "notesapp", redirect_uri: OAUTH, brand_url: BRAND, pkce: true, scope: null }, browser: "manual" },
      }));
      expect((await screen.findByTestId("oauth-manual")).textContent).toContain(
        "Open it in any browser, sign in and approve; when the browser lands on your redirect URI (the page may not load), copy its address",
      );
      expect(screen.getByTestId("oauth-window-status").textContent).not.toContain("Login window");
    });

    it("copies the link and hands over the address from the clipboard or typed by hand, through Rust", async () => {
      const calls = mockBackend({ start: manual });
      renderTester();
      fireEvent.click(document.getElementById("oauth-browser-manual")!);
      await startTest();
      fireEvent.click(await screen.findByTestId("oauth-copy-url"));
      await waitFor(() => expect(calls.find((call) => call.cmd === "oauth_copy_authorize_url")?.args).toEqual({ run_id: RUN }));
      fireEvent.click(screen.getByTestId("oauth-paste-clipboard"));
      await waitFor(() => expect(calls.find((call) => call.cmd === "oauth_paste_redirect")?.args).toEqual({ run_id: RUN, url: null }));
      fireEvent.input(document.getElementById("oauth-pasted-url")!, { target: { value: ` ${OAUTH}?code=abc&state=xyz ` } });
      fireEvent.click(screen.getByTestId("oauth-paste-submit"));
      await waitFor(() =>
        expect(calls.filter((call) => call.cmd === "oauth_paste_redirect").map((call) => call.args)).toEqual([
          { run_id: RUN, url: null },
          { run_id: RUN, url: `${OAUTH}?code=abc&state=xyz` },
        ]),
      );
      // The page never held the authorize URL's state: it asked Rust to copy it.
      expect(calls.some((call) => call.cmd === "clipboard_copy_text")).toBe(false);
      await send({ kind: "captured", run_id: RUN, url: OAUTH + "?code=…&state=…", captured_at_ms: Date.now() });
      expect(screen.queryByTestId("oauth-manual")).toBeNull();
      expect(screen.getByTestId("oauth-window-status").dataset.phase).toBe("captured");
    });

    it("tells a clipboard without a URL, and a test that is over, through the error table", async () => {
      let answer: unknown = { code: "invalid_input", field: "redirect_url", message: "That is not a URL: paste the full address the browser was sent to." };
      mockBackend({
        start: manual,
        other: (cmd) => {
          if (cmd === "oauth_paste_redirect") throw answer;
          return null;
        },
      });
      renderTester();
      fireEvent.click(document.getElementById("oauth-browser-manual")!);
      await startTest();
      fireEvent.click(await screen.findByTestId("oauth-paste-clipboard"));
      const error = await screen.findByTestId("oauth-paste-error");
      expect(error.dataset.code).toBe("invalid_input");
      expect(error.textContent).toContain("That is not a URL");
      expect(error.textContent).toContain("Copy the whole address from the browser's address bar");
      answer = { code: "not_found", message: "OAuth test 7 is not running any more: start a new test." };
      fireEvent.click(screen.getByTestId("oauth-paste-clipboard"));
      await waitFor(() => expect(screen.getByTestId("oauth-paste-error").dataset.code).toBe("not_found"));
      expect(screen.getByTestId("oauth-paste-error").textContent).toContain("start a new test");
    });
  });
});
