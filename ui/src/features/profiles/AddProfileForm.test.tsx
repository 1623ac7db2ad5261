import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { AddProfileForm } from "./AddProfileForm";

function renderForm(onDone: () => void = () => {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AddProfileForm onDone={onDone} />
    </QueryClientProvider>,
  );
}

function fill(id: string, value: string) {
  const field = document.getElementById(id);
  if (!field) throw new Error(`no #${id}`);
  fireEvent.input(field, { target: { value } });
}

describe("AddProfileForm", () => {
  it("keeps the token masked and sends a custom environment as the command expects", async () => {
    const calls: unknown[] = [];
    let done = false;
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return {
        id: 2,
        name: "Staging",
        kind: "custom",
        api_base: "https://api.staging.example/",
        brand_url: "https://app.staging.example/",
        directory_token: "…9f3e",
        is_current: true,
        insecure: false,
        created_at: "2026-11-22T10:00:00Z",
      };
    });
    renderForm(() => {
      done = true;
    });
    expect((document.getElementById("profile-token") as HTMLInputElement).type).toBe("password");
    fill("profile-name", "Staging");
    fireEvent.click(screen.getByLabelText(/Custom/));
    fill("profile-api-base", "https://api.staging.example");
    fill("profile-brand-url", "https://app.staging.example");
    fill("profile-token", "  tok-123456789  ");
    fireEvent.click(screen.getByRole("button", { name: "Check and save" }));
    await waitFor(() => expect(done).toBe(true));
    expect(calls).toEqual([
      {
        cmd: "profile_add",
        args: {
          input: {
            name: "Staging",
            environment: {
              kind: "custom",
              api_base: "https://api.staging.example",
              brand_url: "https://app.staging.example",
            },
            directory_token: "tok-123456789",
            make_current: true,
            allow_insecure_http: false,
          },
        },
      },
    ]);
  });

  it("refuses to submit until the URLs are absolute", () => {
    mockIPC(() => {
      throw new Error("must not be called");
    });
    renderForm();
    fill("profile-name", "Broken");
    fireEvent.click(screen.getByLabelText(/Custom/));
    fill("profile-api-base", "api.example.com");
    fill("profile-token", "tok");
    expect(screen.getByText("Enter an absolute URL, such as https://api.example.com.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Check and save" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("says a refused token was not saved, and keeps what was typed", async () => {
    mockIPC(() => {
      throw {
        code: "unauthorized",
        status: 401,
        message: "The platform at https://api.vcita.biz/ refused this directory token (HTTP 401), so the profile was not saved.",
      };
    });
    renderForm();
    fill("profile-name", "Work");
    fill("profile-token", "wrong-token");
    fireEvent.click(screen.getByRole("button", { name: "Check and save" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("refused this directory token");
    expect(alert.textContent).toContain("the profile was not saved");
    expect((document.getElementById("profile-name") as HTMLInputElement).value).toBe("Work");
    expect((document.getElementById("profile-token") as HTMLInputElement).value).toBe("wrong-token");
  });

  it("sends the insecure-http opt-in only when the user ticks it, and shows Rust's refusal otherwise", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      const input = (args as { input: { allow_insecure_http: boolean } }).input;
      if (!input.allow_insecure_http) {
        throw {
          code: "invalid_input",
          field: "api_base",
          message:
            "The API base URL http://api.example.com is plain http to another computer, which would send the directory token and client secrets unencrypted: use https://api.example.com/, or allow insecure http for this profile explicitly (--allow-insecure-http).",
        };
      }
      return {
        id: 3,
        name: "Plain",
        kind: "custom",
        api_base: "http://api.example.com/",
        brand_url: "http://app.example.com/",
        directory_token: "…9f3e",
        is_current: true,
        insecure: true,
        created_at: "2026-11-22T10:00:00Z",
      };
    });
    let done = false;
    renderForm(() => {
      done = true;
    });
    fill("profile-name", "Plain");
    fireEvent.click(screen.getByLabelText(/Custom/));
    fill("profile-api-base", "http://api.example.com");
    fill("profile-brand-url", "http://app.example.com");
    fill("profile-token", "tok-123456789");
    fireEvent.click(screen.getByRole("button", { name: "Check and save" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/plain http to another computer/);
    expect(done).toBe(false);
    fireEvent.click(document.getElementById("profile-allow-insecure")!);
    fireEvent.click(screen.getByRole("button", { name: "Check and save" }));
    await waitFor(() => expect(done).toBe(true));
    expect(calls.map((c) => (c.args as { input: { allow_insecure_http: boolean } }).input.allow_insecure_http)).toEqual([
      false,
      true,
    ]);
  });

  it("puts focus in the name field when it opens, and closes on Escape", () => {
    mockIPC(() => {
      throw new Error("must not be called");
    });
    let closed = false;
    renderForm(() => {
      closed = true;
    });
    const name = document.getElementById("profile-name");
    expect(document.activeElement).toBe(name);
    fireEvent.keyDown(name!, { key: "Escape" });
    expect(closed).toBe(true);
  });
});
