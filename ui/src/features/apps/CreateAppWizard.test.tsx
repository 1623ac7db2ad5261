import { describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { CreateAppWizard } from "./CreateAppWizard";
import type { AppInput, AppsListing, AppSummary, CreatedAppShown } from "../../api/bindings";
import { queryKeys } from "../../api/queryKeys";
import type { Route } from "../../route";
import { fakeJudge } from "../../test/fakeRust";

const SECRET = "f".repeat(60) + "c0de";

const created: CreatedAppShown = {
  app_code_name: "myapp",
  app_id: "app-1",
  name: "My app",
  client_id: "a".repeat(64),
  client_secret_mask: "…c0de",
  secret_saved: true,
  unsaved_client_secret: null,
  app: null,
  redirect_uris: null,
  warnings: [],
};

function renderWizard(navigate: (route: Route) => void = () => {}, listed?: AppsListing) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // The apps list as the apps view last had it.
  if (listed) client.setQueryData(queryKeys.apps(), listed);
  return render(
    <QueryClientProvider client={client}>
      <CreateAppWizard navigate={navigate} />
    </QueryClientProvider>,
  );
}

function fill(id: string, value: string) {
  const field = document.getElementById(id);
  if (!field) throw new Error(`no #${id}`);
  fireEvent.input(field, { target: { value } });
  fireEvent.blur(field);
}

describe("CreateAppWizard", () => {
  it("checks the fields as you type and sends nothing while they are wrong", async () => {
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      // Rust's as-you-type judges answer; they send nothing to the platform.
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      calls.push(cmd);
      return created;
    });
    renderWizard();
    const error = (id: string) => screen.getByTestId(id).textContent;
    fill("create-name", "ab");
    await waitFor(() => expect(error("create-name-error")).toMatch(/at least 3/));
    fill("create-name", "x".repeat(26));
    await waitFor(() => expect(error("create-name-error")).toMatch(/at most 25/));
    fill("create-redirect-uri", "http://example.com/app");
    // Rust's words (app_form_check): plain http off loopback.
    await waitFor(() => expect(error("create-redirect-uri-error")).toMatch(/plain http on a host that is not loopback/));
    fill("create-oauth-uris", "https://a.example/cb\nhttps://a.example/cb#x");
    await waitFor(() => expect(error("create-oauth-uris-error")).toMatch(/fragment/));
    fireEvent.click(screen.getByTestId("create-submit"));
    // The submit asks Rust once more, about exactly what it would send: give it the time.
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(calls).toEqual([]);
  });

  it("a hint about an earlier value is not shown under a field that changed", async () => {
    const judged: AppInput[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "app_form_check") judged.push((args as { input: AppInput }).input);
      return fakeJudge(cmd, args)?.answer ?? null;
    });
    renderWizard();
    // The empty form is judged at once: "Give the app a name", "The redirect URI is empty".
    await waitFor(() => expect(judged.map((input) => input.name)).toEqual([""]));
    await screen.findByRole("checkbox", { name: /brand_host/ });
    // Filled quickly, as a WebDriver test does: the new judgement is not back yet.
    fill("create-name", "My app");
    fill("create-redirect-uri", "https://myapp.example.com/app");
    expect(screen.queryByTestId("create-name-error")).toBeNull();
    expect(screen.queryByTestId("create-redirect-uri-error")).toBeNull();
    expect(document.getElementById("create-name")?.getAttribute("aria-invalid")).not.toBe("true");
    // Nothing appeared above the checkbox, so the click lands on it.
    const brandHost = document.getElementById("create-url-param-brand_host") as HTMLInputElement;
    fireEvent.click(brandHost);
    expect(brandHost.checked).toBe(false);
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(judged.at(-1)).toMatchObject({ name: "My app", redirect_uri: "https://myapp.example.com/app" });
    expect(screen.queryByTestId("create-name-error")).toBeNull();
    expect(screen.queryByTestId("create-redirect-uri-error")).toBeNull();
  });

  it("a fresh judgement's hint does show, and a stale one stays under the field it is about", async () => {
    mockIPC((cmd, args) => fakeJudge(cmd, args)?.answer ?? null);
    renderWizard();
    fill("create-name", "ab");
    expect((await screen.findByTestId("create-name-error")).textContent).toBe("The name is 2 characters: use at least 3.");
    // Another field changes: the name's hint is still about the name as it is.
    fill("create-redirect-uri", "http://example.com/app");
    expect(screen.getByTestId("create-name-error").textContent).toMatch(/at least 3/);
    expect(screen.queryByTestId("create-redirect-uri-error")).toBeNull();
    expect((await screen.findByTestId("create-redirect-uri-error")).textContent).toMatch(/plain http/);
    fill("create-name", "abc");
    expect(screen.queryByTestId("create-name-error")).toBeNull();
    fill("create-name", "");
    expect((await screen.findByTestId("create-name-error")).textContent).toBe("Give the app a name (3 to 25 characters).");
  });

  it("suggests brand_host, warns when it is unchecked, and sends the vendor's fields", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      sent.push({ cmd, args });
      return created;
    });
    renderWizard();
    // The choices are Rust's vocabulary (app_vocabulary).
    const brandHost = await screen.findByRole("checkbox", { name: /brand_host/ });
    expect((brandHost as HTMLInputElement).checked).toBe(true);
    fireEvent.click(brandHost);
    expect(screen.getByText(/Without brand_host/)).toBeTruthy();
    fireEvent.click(brandHost);
    fill("create-name", "My app");
    fill("create-redirect-uri", "https://myapp.example.com/app");
    fill("create-oauth-uris", "https://myapp.example.com/cb\n\nhttp://127.0.0.1:8765/cb");
    fireEvent.click(screen.getByRole("checkbox", { name: /payments/ }));
    fireEvent.click(screen.getByTestId("create-submit"));
    await screen.findByTestId("created-app");
    expect(sent).toEqual([
      {
        cmd: "app_create",
        args: {
          input: {
            name: "My app",
            redirect_uri: "https://myapp.example.com/app",
            trusted: false,
            url_params: ["brand_host"],
            oauth_redirect_uris: ["https://myapp.example.com/cb", "http://127.0.0.1:8765/cb"],
            app_type: ["payments"],
          },
        },
      },
    ]);
  });

  it("says the secret is saved, masks it, reveals it on request and copies it by reference", async () => {
    const sent: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      sent.push({ cmd, args });
      if (cmd === "app_credentials") {
        return { ...created, app_id: "app-1", client_secret: SECRET, revealed: true, source: "created_here", created_at: "2026-11-22T10:00:00Z" };
      }
      return cmd === "app_create" ? created : null;
    });
    renderWizard();
    fill("create-name", "My app");
    fill("create-redirect-uri", "https://myapp.example.com/app");
    fireEvent.click(screen.getByTestId("create-submit"));
    expect((await screen.findByTestId("created-client-secret")).textContent).toBe("…c0de");
    expect(screen.getByTestId("created-saved").textContent).toMatch(/encrypted store/);
    expect(document.body.textContent).not.toContain(SECRET);
    fireEvent.click(screen.getByTestId("reveal-secret"));
    await waitFor(() => expect(screen.getByTestId("created-client-secret").textContent).toBe(SECRET));
    expect(sent.find((call) => call.cmd === "app_credentials")?.args).toEqual({ app: "myapp", reveal: true });
    fireEvent.click(screen.getByTestId("hide-secret"));
    expect(screen.getByTestId("created-client-secret").textContent).toBe("…c0de");
    fireEvent.click(screen.getByTestId("copy-client-secret"));
    await waitFor(() => expect(screen.getByTestId("copy-client-secret").textContent).toMatch(/clears in 30 s/));
    const copy = sent.find((call) => call.cmd === "clipboard_copy_secret");
    expect(copy?.args).toEqual({ app: "myapp", secret: { kind: "client_secret" } });
    expect(JSON.stringify(copy)).not.toContain(SECRET);
  });

  it("shows the secret itself, with an alarm, when the store could not keep it", async () => {
    mockIPC(
      (cmd, args) =>
        fakeJudge(cmd, args)?.answer ??
        (cmd === "app_create"
          ? { ...created, secret_saved: false, unsaved_client_secret: SECRET, warnings: ["saving failed"] }
          : null),
    );
    renderWizard();
    fill("create-name", "My app");
    fill("create-redirect-uri", "https://myapp.example.com/app");
    fireEvent.click(screen.getByTestId("create-submit"));
    expect((await screen.findByTestId("created-client-secret")).textContent).toBe(SECRET);
    expect(screen.getByTestId("created-not-saved").textContent).toMatch(/Copy it now/);
    expect(screen.queryByTestId("created-saved")).toBeNull();
  });

  it("keeps every field when the platform refuses the create, and names the field", async () => {
    mockIPC((cmd, args) => {
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      throw { code: "validation", message: "The platform refused the name.", field: "name", status: 422, vendor_message: "Name taken" };
    });
    renderWizard();
    fill("create-name", "My app");
    fill("create-redirect-uri", "https://myapp.example.com/app");
    fireEvent.click(screen.getByTestId("create-submit"));
    const notice = await screen.findByTestId("create-error");
    expect(notice.getAttribute("data-code")).toBe("validation");
    expect(notice.textContent).toMatch(/Name taken/);
    expect((document.getElementById("create-name") as HTMLInputElement).value).toBe("My app");
    expect((document.getElementById("create-redirect-uri") as HTMLInputElement).value).toBe("https://myapp.example.com/app");
  });

  it("puts focus in the name field when it opens, and goes back to the apps on Escape", () => {
    mockIPC((cmd, args) => fakeJudge(cmd, args)?.answer ?? null);
    const routes: Route[] = [];
    renderWizard((route) => routes.push(route));
    const name = document.getElementById("create-name");
    expect(document.activeElement).toBe(name);
    fireEvent.keyDown(name!, { key: "Escape" });
    expect(routes).toEqual([{ view: "apps" }]);
  });

  describe("after a create whose answer was lost", () => {
    const LOST = {
      code: "unknown_outcome",
      message:
        "Creating the app may or may not have worked: the platform did not answer in time, and listing apps to check failed too (network); open the apps list before trying again, since a retry could create a second app.",
    };
    const SENT: AppInput = {
      name: "My app",
      redirect_uri: "https://myapp.example.com/app",
      trusted: false,
      url_params: ["brand_host"],
    };
    const FOUND: AppSummary = { app_code_name: "myapp7", app_id: "app-7", name: "My app", has_credentials: false };

    function lostCreate(find: () => AppSummary | null) {
      const sent: { cmd: string; args: unknown }[] = [];
      mockIPC((cmd, args) => {
        const judged = fakeJudge(cmd, args);
        if (judged) return judged.answer;
        sent.push({ cmd, args });
        if (cmd === "app_create") throw LOST;
        if (cmd === "app_find_created") return find();
        return null;
      });
      return sent;
    }

    async function createOnce() {
      fill("create-name", "My app");
      fill("create-redirect-uri", "https://myapp.example.com/app");
      fireEvent.click(screen.getByTestId("create-submit"));
      return screen.findByTestId("create-unknown");
    }

    const submit = () => screen.getByTestId("create-submit") as HTMLButtonElement;

    it("says one outcome, that nobody knows, and cannot create a second app", async () => {
      const sent = lostCreate(() => null);
      renderWizard();
      const outcome = await createOnce();
      expect(outcome.textContent).toContain("We don't know whether the app was created");
      expect(outcome.textContent).toContain("may or may not have worked");
      expect(document.body.textContent).not.toContain("The outcome is unknown");
      expect(screen.queryByTestId("create-error")).toBeNull();
      expect(submit().disabled).toBe(true);
      // Enter in a field submits the form: it must not create either.
      fireEvent.submit(screen.getByTestId("create-app"));
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(sent.filter((call) => call.cmd === "app_create")).toHaveLength(1);
    });

    it("Check again finds the app: it was created, without its secret here, and opens it", async () => {
      const sent = lostCreate(() => FOUND);
      const routes: Route[] = [];
      renderWizard((route) => routes.push(route));
      await createOnce();
      fill("create-name", "Changed since");
      fireEvent.click(screen.getByTestId("create-check-again"));
      const found = await screen.findByTestId("create-found");
      // Asked about exactly what the lost create sent.
      expect(sent.find((call) => call.cmd === "app_find_created")?.args).toEqual({ input: SENT });
      expect(found.textContent).toContain("It was created, as myapp7.");
      expect(found.textContent).toContain("so this console does not have it: open the app, then create new credentials or import them");
      expect(screen.queryByTestId("create-unknown")).toBeNull();
      expect(submit().disabled).toBe(true);
      fireEvent.click(screen.getByTestId("create-found-open"));
      expect(routes).toEqual([{ view: "app", app: "myapp7", tab: "credentials" }]);
    });

    it("Check again finds nothing: it was not created, and Create works again", async () => {
      const sent = lostCreate(() => null);
      renderWizard();
      await createOnce();
      fireEvent.click(screen.getByTestId("create-check-again"));
      expect((await screen.findByTestId("create-not-created")).textContent).toBe("It was not created: you can create it now.");
      expect(screen.queryByTestId("create-unknown")).toBeNull();
      expect(submit().disabled).toBe(false);
      fireEvent.click(submit());
      await waitFor(() => expect(sent.filter((call) => call.cmd === "app_create")).toHaveLength(2));
    });

    it("a check that fails keeps Create disabled and says why", async () => {
      let checked = 0;
      mockIPC((cmd, args) => {
        const judged = fakeJudge(cmd, args);
        if (judged) return judged.answer;
        if (cmd === "app_create") throw LOST;
        if (cmd === "app_find_created") {
          checked += 1;
          throw { code: "network", message: "The platform could not be reached: connection refused." };
        }
        return null;
      });
      renderWizard();
      await createOnce();
      fireEvent.click(screen.getByTestId("create-check-again"));
      const why = await screen.findByTestId("create-check-error");
      expect(why.getAttribute("data-code")).toBe("network");
      expect(why.textContent).toContain("connection refused.");
      expect(checked).toBe(1);
      expect(submit().disabled).toBe(true);
      expect(screen.getByTestId("create-unknown")).toBeTruthy();
      expect((screen.getByTestId("create-check-again") as HTMLButtonElement).disabled).toBe(false);
    });
  });

  it("asks before creating an app named like one already listed, and creates only on Create another", async () => {
    const sent: string[] = [];
    mockIPC((cmd, args) => {
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      sent.push(cmd);
      return cmd === "app_create" ? created : null;
    });
    const listed: AppsListing = {
      profile: "Work",
      apps: [{ app_code_name: "myapp", app_id: "app-1", name: "My App", has_credentials: true }],
      stale: false,
      last_synced_at: null,
      sync_error: null,
    };
    renderWizard(() => {}, listed);
    fill("create-name", "  my app ");
    fill("create-redirect-uri", "https://myapp.example.com/app");
    fireEvent.click(screen.getByTestId("create-submit"));
    const dialog = await screen.findByTestId("create-duplicate-confirm");
    expect(dialog.textContent).toContain("An app named My App already exists (code name myapp). Create another one?");
    fireEvent.click(screen.getByTestId("create-duplicate-confirm-keep"));
    expect(screen.queryByTestId("create-duplicate-confirm")).toBeNull();
    expect(sent).toEqual([]);

    fireEvent.click(screen.getByTestId("create-submit"));
    fireEvent.click(await screen.findByTestId("create-duplicate-confirm-discard"));
    await screen.findByTestId("created-app");
    expect(sent).toEqual(["app_create"]);
  });
});
