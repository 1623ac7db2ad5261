import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { CredentialsPanel } from "./CredentialsPanel";
import type { AppTokensView, CredentialsView } from "../../api/bindings";

const SECRET = "9".repeat(60) + "beef";

function credentials(reveal: boolean): CredentialsView {
  return {
    app_code_name: "myapp",
    app_id: "app-1",
    client_id: "c".repeat(64),
    client_secret: reveal ? SECRET : "…beef",
    revealed: reveal,
    source: "created_here",
    created_at: "2026-11-22T10:00:00Z",
    verified: null,
    note: null,
  };
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <CredentialsPanel app="myapp" />
    </QueryClientProvider>,
  );
}

describe("CredentialsPanel", () => {
  it("masks the secret until revealed, and hides it again", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "app_credentials") return credentials((args as { reveal: boolean }).reveal);
      return { app_code_name: "myapp", tokens: [], sync_error: null } satisfies AppTokensView;
    });
    renderPanel();
    expect((await screen.findByTestId("client-secret")).textContent).toBe("…beef");
    fireEvent.click(screen.getByTestId("reveal-secret"));
    await waitFor(() => expect(screen.getByTestId("client-secret").textContent).toBe(SECRET));
    fireEvent.click(screen.getByTestId("hide-secret"));
    expect(screen.getByTestId("client-secret").textContent).toBe("…beef");
  });

  it("keeps the credentials card's frame while the store answers, then puts Replace and Forget in one row", async () => {
    let answer: (view: CredentialsView) => void = () => {};
    mockIPC((cmd) => {
      if (cmd === "app_credentials") return new Promise<CredentialsView>((resolve) => (answer = resolve));
      return { app_code_name: "myapp", tokens: [], sync_error: null } satisfies AppTokensView;
    });
    const { container } = renderPanel();
    const loading = await waitFor(() => {
      const card = container.querySelector(".credentials-loading");
      expect(card).not.toBeNull();
      return card!;
    });
    expect(loading.getAttribute("aria-busy")).toBe("true");
    expect(loading.textContent).toContain("Client credentials");
    answer(credentials(false));
    await screen.findByTestId("kept-credentials");
    expect(container.querySelector(".credentials-loading")).toBeNull();
    const row = screen.getByTestId("replace-credentials").parentElement!;
    expect(row.classList.contains("split")).toBe(true);
    expect(within(row).getByTestId("credentials-remove")).toBeTruthy();
  });

  it("explains why an app made elsewhere has no secret here", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_credentials") {
        throw { code: "not_found", field: "credentials", message: "This console did not create app myapp." };
      }
      return { app_code_name: "myapp", tokens: [], sync_error: null };
    });
    renderPanel();
    const notice = await screen.findByTestId("no-credentials");
    expect(notice.textContent).toMatch(/did not create app myapp/);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("imports the credentials of an app made elsewhere, with the secret in a masked field", async () => {
    let kept = false;
    const sent: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      sent.push({ cmd, args });
      if (cmd === "app_credentials") {
        if (!kept) throw { code: "not_found", field: "credentials", message: "This console did not create app myapp." };
        return credentials(false);
      }
      if (cmd === "app_credentials_import") {
        kept = true;
        return credentials(false);
      }
      return { app_code_name: "myapp", tokens: [], sync_error: null };
    });
    renderPanel();
    fireEvent.click(await screen.findByTestId("import-credentials"));
    const secretField = document.getElementById("import-client-secret") as HTMLInputElement;
    expect(secretField.type).toBe("password");
    fireEvent.input(document.getElementById("import-client-id")!, { target: { value: " cid " } });
    fireEvent.input(secretField, { target: { value: SECRET } });
    fireEvent.click(screen.getByRole("button", { name: "Keep in the encrypted store" }));
    expect((await screen.findByTestId("client-secret")).textContent).toBe("…beef");
    expect(sent.find((call) => call.cmd === "app_credentials_import")?.args).toEqual({
      app: "myapp",
      client_id: "cid",
      client_secret: SECRET,
    });
  });

  it("keeps nothing when the platform refuses the imported pair, says so by the form, and keeps what was typed", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_credentials") throw { code: "not_found", field: "credentials", message: "This console did not create app myapp." };
      if (cmd === "app_credentials_import") {
        throw {
          code: "invalid_input",
          field: "client_secret",
          message: "The platform refused this client id and secret (invalid_client): they are not a working pair, so nothing was saved.",
        };
      }
      return { app_code_name: "myapp", tokens: [], sync_error: null };
    });
    renderPanel();
    fireEvent.click(await screen.findByTestId("import-credentials"));
    fireEvent.input(document.getElementById("import-client-id")!, { target: { value: "cid" } });
    fireEvent.input(document.getElementById("import-client-secret")!, { target: { value: "wrong" } });
    fireEvent.click(screen.getByRole("button", { name: "Keep in the encrypted store" }));
    const refused = await screen.findByTestId("import-error");
    expect(refused.textContent).toContain("nothing was saved");
    expect(within(screen.getByTestId("import-form")).getByTestId("import-error")).toBe(refused);
    expect((document.getElementById("import-client-id") as HTMLInputElement).value).toBe("cid");
    const secret = document.getElementById("import-client-secret") as HTMLInputElement;
    expect(secret.value).toBe("wrong");
    expect(secret.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("no-credentials")).toBeTruthy();
  });

  it("says whether the platform checked an imported pair, or why it was kept without checking", async () => {
    let kept = false;
    let answer: CredentialsView = { ...credentials(false), source: "imported", verified: true, note: null };
    mockIPC((cmd) => {
      if (cmd === "app_credentials") {
        if (!kept) throw { code: "not_found", field: "credentials", message: "This console did not create app myapp." };
        return credentials(false);
      }
      if (cmd === "app_credentials_import") {
        kept = true;
        return answer;
      }
      return { app_code_name: "myapp", tokens: [], sync_error: null };
    });
    renderPanel();
    fireEvent.click(await screen.findByTestId("import-credentials"));
    fireEvent.input(document.getElementById("import-client-id")!, { target: { value: "cid" } });
    fireEvent.input(document.getElementById("import-client-secret")!, { target: { value: SECRET } });
    fireEvent.click(screen.getByRole("button", { name: "Keep in the encrypted store" }));
    expect((await screen.findByTestId("credentials-verified")).textContent).toContain("Checked with the platform");

    // Kept credentials can be replaced: the same form, opened as Replace.
    answer = {
      ...answer,
      verified: false,
      note: "Saved without checking: the platform did not answer the check of the client id and secret (timeout).",
    };
    fireEvent.click(screen.getByTestId("replace-credentials"));
    fireEvent.input(document.getElementById("import-client-id")!, { target: { value: "cid2" } });
    fireEvent.input(document.getElementById("import-client-secret")!, { target: { value: SECRET } });
    fireEvent.click(screen.getByRole("button", { name: "Keep in the encrypted store" }));
    expect((await screen.findByTestId("credentials-note")).textContent).toContain("Saved without checking");
    expect(screen.queryByTestId("credentials-verified")).toBeNull();
    expect(screen.queryByTestId("import-form")).toBeNull();
  });

  it("forgets the kept credentials only after confirming, then offers to import them", async () => {
    let kept = true;
    const sent: string[] = [];
    mockIPC((cmd) => {
      sent.push(cmd);
      if (cmd === "app_credentials") {
        if (!kept) throw { code: "not_found", field: "credentials", message: "This console keeps no credentials for app myapp." };
        return credentials(false);
      }
      if (cmd === "app_credentials_remove") {
        kept = false;
        return null;
      }
      return { app_code_name: "myapp", tokens: [], sync_error: null };
    });
    renderPanel();
    fireEvent.click(await screen.findByTestId("credentials-remove"));
    const dialog = screen.getByTestId("credentials-remove-confirm");
    expect(dialog.textContent).toContain("Forget the client id and secret kept for this app?");
    expect(dialog.textContent).toContain("The app on the platform is not changed.");
    fireEvent.click(screen.getByTestId("credentials-remove-confirm-keep"));
    expect(sent).not.toContain("app_credentials_remove");
    expect(screen.getByTestId("client-secret")).toBeTruthy();

    fireEvent.click(screen.getByTestId("credentials-remove"));
    fireEvent.click(screen.getByTestId("credentials-remove-confirm-discard"));
    expect(await screen.findByTestId("no-credentials")).toBeTruthy();
    expect(sent.filter((cmd) => cmd === "app_credentials_remove")).toHaveLength(1);
    expect(screen.getByTestId("import-credentials")).toBeTruthy();
  });

  it("shows a new token masked, copies it by reference, lists it masked, and revokes only after confirmation", async () => {
    let tokens: AppTokensView = { app_code_name: "myapp", tokens: [], sync_error: null };
    const sent: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      sent.push({ cmd, args });
      switch (cmd) {
        case "app_credentials":
          return credentials(false);
        case "tokens_list":
          return tokens;
        case "token_create":
          tokens = {
            ...tokens,
            tokens: [
              {
                token: "…a1b2",
                tail: "a1b2",
                created_here: true,
                listed_on_platform: true,
                revocable: true,
                created_at: "2026-11-22T10:00:00Z",
                expires_at: null,
                revoked_at: null,
              },
            ],
          };
          return { app_code_name: "myapp", token_mask: "…a1b2", tail: "a1b2", created_at: "2026-11-22T10:00:00Z" };
        case "token_revoke":
          tokens = { ...tokens, tokens: tokens.tokens.map((t) => ({ ...t, revoked_at: "2026-11-22T10:01:00Z" })) };
          return { app_code_name: "myapp", token: "…a1b2", already_revoked: false };
        default:
          return null;
      }
    });
    renderPanel();
    fireEvent.click(await screen.findByTestId("token-create"));
    expect((await screen.findByTestId("token-created-value")).textContent).toBe("…a1b2");
    fireEvent.click(screen.getByTestId("token-copy"));
    await waitFor(() =>
      expect(sent.find((call) => call.cmd === "clipboard_copy_secret")?.args).toEqual({
        app: "myapp",
        secret: { kind: "app_token", tail: "a1b2" },
      }),
    );
    const row = await screen.findByTestId("token-row-a1b2");
    expect(row.textContent).toContain("…a1b2");
    fireEvent.click(screen.getByTestId("token-created-done"));
    expect(screen.queryByTestId("token-created")).toBeNull();

    fireEvent.click(within(row).getByTestId("token-revoke-a1b2"));
    expect(sent.some((call) => call.cmd === "token_revoke")).toBe(false);
    fireEvent.click(within(row).getByRole("button", { name: "Cancel" }));
    expect(sent.some((call) => call.cmd === "token_revoke")).toBe(false);
    fireEvent.click(within(row).getByTestId("token-revoke-a1b2"));
    fireEvent.click(within(row).getByTestId("token-revoke-confirm-a1b2"));
    await waitFor(() => expect(screen.getByTestId("token-row-a1b2").textContent).toMatch(/revoked/));
    expect(sent.find((call) => call.cmd === "token_revoke")?.args).toEqual({ app: "myapp", token_or_tail: "a1b2" });
  });

  it("lists a token created elsewhere and shown masked by the platform without a Revoke that cannot work", async () => {
    const view: AppTokensView = {
      app_code_name: "myapp",
      sync_error: null,
      tokens: [
        {
          token: "…a1b2",
          tail: "a1b2",
          created_here: true,
          listed_on_platform: true,
          revocable: true,
          created_at: "2026-11-22T10:00:00Z",
          expires_at: null,
          revoked_at: null,
        },
        {
          token: "…0066",
          tail: "0066",
          created_here: false,
          listed_on_platform: true,
          revocable: false,
          created_at: "2026-11-21T09:00:00Z",
          expires_at: null,
          revoked_at: null,
        },
      ],
    };
    mockIPC((cmd) => (cmd === "tokens_list" ? view : credentials(false)));
    renderPanel();
    const masked = await screen.findByTestId("token-row-0066");
    expect(masked.textContent).toContain("created elsewhere");
    expect(masked.textContent).toContain("active");
    expect(within(masked).queryByTestId("token-revoke-0066")).toBeNull();
    expect(within(masked).getByTestId("token-masked-0066").textContent).toMatch(/needs the whole token/);
    const mine = screen.getByTestId("token-row-a1b2");
    expect(within(mine).getByTestId("token-revoke-a1b2")).toBeTruthy();
    expect(mine.textContent).toContain("created here");
  });

  it("focuses Cancel when a revoke confirmation opens, closes it on Escape, and gives focus back to Revoke", async () => {
    const view: AppTokensView = {
      app_code_name: "myapp",
      sync_error: null,
      tokens: [
        {
          token: "…a1b2",
          tail: "a1b2",
          created_here: true,
          listed_on_platform: true,
          revocable: true,
          created_at: "2026-11-22T10:00:00Z",
          expires_at: null,
          revoked_at: null,
        },
      ],
    };
    const sent: string[] = [];
    mockIPC((cmd) => {
      sent.push(cmd);
      return cmd === "tokens_list" ? view : credentials(false);
    });
    renderPanel();
    const row = await screen.findByTestId("token-row-a1b2");
    fireEvent.click(within(row).getByTestId("token-revoke-a1b2"));
    const cancel = within(row).getByRole("button", { name: "Cancel" });
    expect(document.activeElement).toBe(cancel);
    // The confirmation wraps inside its cell, so the table keeps to its card.
    expect(cancel.closest("td")?.className).toContain("confirming");

    fireEvent.keyDown(cancel, { key: "Escape" });
    expect(within(row).queryByRole("group", { name: "Confirm revoke" })).toBeNull();
    expect(document.activeElement).toBe(within(row).getByTestId("token-revoke-a1b2"));
    expect(sent).not.toContain("token_revoke");
  });
});
