import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { CreateAppWizard } from "./CreateAppWizard";
import type { CreatedAppShown } from "../api/bindings";
import type { Route } from "../route";

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

function renderWizard(navigate: (route: Route) => void = () => {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
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
  it("checks the fields as you type and sends nothing while they are wrong", () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return created;
    });
    renderWizard();
    fill("create-name", "ab");
    expect(screen.getByTestId("create-name-error").textContent).toMatch(/at least 3/);
    fill("create-name", "x".repeat(26));
    expect(screen.getByTestId("create-name-error").textContent).toMatch(/at most 25/);
    fill("create-redirect-uri", "http://example.com/app");
    expect(screen.getByTestId("create-redirect-uri-error").textContent).toMatch(/only on loopback/);
    fill("create-oauth-uris", "https://a.example/cb\nhttps://a.example/cb#x");
    expect(screen.getByTestId("create-oauth-uris-error").textContent).toMatch(/fragment/);
    fireEvent.click(screen.getByTestId("create-submit"));
    expect(calls).toEqual([]);
  });

  it("suggests brand_host, warns when it is unchecked, and sends the vendor's fields", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      sent.push({ cmd, args });
      return created;
    });
    renderWizard();
    const brandHost = screen.getByRole("checkbox", { name: /brand_host/ });
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
    mockIPC((cmd) =>
      cmd === "app_create"
        ? { ...created, secret_saved: false, unsaved_client_secret: SECRET, warnings: ["saving failed"] }
        : null,
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
    mockIPC(() => {
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
});
