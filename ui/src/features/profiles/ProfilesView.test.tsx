import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ProfileView } from "../../api/bindings";
import { LeaveGuardProvider } from "../../unsaved/LeaveGuard";
import { unsavedParts, writeDraft } from "../../unsaved/drafts";
import { ProfilesView } from "./ProfilesView";

function profile(id: number, name: string, current: boolean): ProfileView {
  return {
    id,
    name,
    kind: "custom",
    api_base: "https://api.example.com/",
    brand_url: "https://app.example.com/",
    directory_token: "…a1b2",
    is_current: current,
    insecure: false,
    created_at: "2026-11-22T10:00:00Z",
  };
}

function renderView() {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === "profiles_list") return [profile(1, "Work", true), profile(2, "Staging", false)];
    if (cmd === "profile_use") return profile(2, "Staging", true);
    return null;
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LeaveGuardProvider>
        <ProfilesView />
      </LeaveGuardProvider>
    </QueryClientProvider>,
  );
  return calls;
}

describe("ProfilesView", () => {
  it("asks before switching profile while an app has unsaved edits", async () => {
    writeDraft("notesapp", "redirect_uris", ["https://notes.example.com/cb"]);
    const calls = renderView();
    fireEvent.click(await screen.findByTestId("use-profile-Staging"));
    expect(await screen.findByTestId("unsaved-dialog")).toBeTruthy();
    expect(screen.getByTestId("unsaved-list").textContent).toContain("notesapp: Redirect URIs");

    fireEvent.click(screen.getByTestId("unsaved-dialog-keep"));
    expect(calls).not.toContain("profile_use");
    expect(unsavedParts()).toHaveLength(1);

    fireEvent.click(screen.getByTestId("use-profile-Staging"));
    fireEvent.click(await screen.findByTestId("unsaved-dialog-discard"));
    await waitFor(() => expect(calls).toContain("profile_use"));
    expect(unsavedParts()).toEqual([]);
  });

  it("switches at once when nothing is unsaved", async () => {
    const calls = renderView();
    fireEvent.click(await screen.findByTestId("use-profile-Staging"));
    await waitFor(() => expect(calls).toContain("profile_use"));
    expect(screen.queryByTestId("unsaved-dialog")).toBeNull();
  });

  describe("Edit", () => {
    function renderWith(answer: (cmd: string, args: unknown) => unknown, profiles: ProfileView[]) {
      const calls: { cmd: string; args: unknown }[] = [];
      mockIPC((cmd, args) => {
        calls.push({ cmd, args });
        if (cmd === "profiles_list") return profiles;
        return answer(cmd, args);
      });
      const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      render(
        <QueryClientProvider client={client}>
          <LeaveGuardProvider>
            <ProfilesView />
          </LeaveGuardProvider>
        </QueryClientProvider>,
      );
      return calls;
    }
    const fill = (id: string, value: string) => fireEvent.input(document.getElementById(id)!, { target: { value } });

    it("sends only what changed: a rename, a new API base and a rotated token", async () => {
      const calls = renderWith(() => profile(2, "Staging 2", false), [profile(1, "Work", true), profile(2, "Staging", false)]);
      fireEvent.click(await screen.findByTestId("profile-edit-Staging"));
      const save = screen.getByTestId("edit-profile-save") as HTMLButtonElement;
      expect(save.disabled).toBe(true);
      expect(document.activeElement).toBe(document.getElementById("edit-profile-name"));
      fill("edit-profile-name", " Staging 2 ");
      expect(save.disabled).toBe(false);
      fill("edit-profile-api-base", "https://api.elsewhere.example/");
      fireEvent.click(screen.getByTestId("profile-rotate-token"));
      const token = document.getElementById("edit-profile-token") as HTMLInputElement;
      expect(token.type).toBe("password");
      fill("edit-profile-token", " new-token-123 ");
      expect(save.textContent).toBe("Check and save");
      fireEvent.click(save);
      await waitFor(() => expect(screen.queryByTestId("edit-profile")).toBeNull());
      expect(calls.find((call) => call.cmd === "profile_edit")?.args).toEqual({
        name: "Staging",
        edit: { name: "Staging 2", api_base: "https://api.elsewhere.example/", directory_token: "new-token-123" },
      });
    });

    it("lets the Sandbox profile only be renamed", async () => {
      const sandbox = { ...profile(1, "Sandbox", true), kind: "sandbox" as const };
      const calls = renderWith(() => ({ ...sandbox, name: "Local" }), [sandbox]);
      fireEvent.click(await screen.findByTestId("profile-edit-Sandbox"));
      expect(document.getElementById("edit-profile-api-base")).toBeNull();
      expect(document.getElementById("edit-profile-brand-url")).toBeNull();
      expect(screen.queryByTestId("profile-rotate-token")).toBeNull();
      expect(screen.getByTestId("edit-profile-sandbox").textContent).toMatch(/only its name/);
      fill("edit-profile-name", "Local");
      fireEvent.click(screen.getByTestId("edit-profile-save"));
      await waitFor(() => expect(calls.some((call) => call.cmd === "profile_edit")).toBe(true));
      expect(calls.find((call) => call.cmd === "profile_edit")?.args).toEqual({
        name: "Sandbox",
        edit: { name: "Local", directory_token: null },
      });
    });

    it("says the old token stays when the platform refuses the new one, and keeps the form", async () => {
      renderWith(
        (cmd) => {
          if (cmd === "profile_edit") {
            throw {
              code: "unauthorized",
              message: "The platform at https://api.example.com/ refused the directory token, so profile Staging was left as it was.",
            };
          }
          return null;
        },
        [profile(1, "Work", true), profile(2, "Staging", false)],
      );
      fireEvent.click(await screen.findByTestId("profile-edit-Staging"));
      fireEvent.click(screen.getByTestId("profile-rotate-token"));
      fill("edit-profile-token", "refused-token");
      fireEvent.click(screen.getByTestId("edit-profile-save"));
      const error = await screen.findByTestId("edit-profile-error");
      expect(error.textContent).toContain("left as it was");
      expect(error.textContent).toContain("The old token stays");
      expect(error.textContent).not.toContain("add the profile again");
      expect((document.getElementById("edit-profile-token") as HTMLInputElement).value).toBe("refused-token");
    });

    it("removes a profile only after confirming", async () => {
      const calls = renderWith(() => ({ name: "Staging", was_current: false }), [profile(1, "Work", true), profile(2, "Staging", false)]);
      fireEvent.click(await screen.findByTestId("profile-remove-Staging"));
      expect(screen.getByTestId("profile-remove-confirm").textContent).toContain("Remove profile Staging?");
      fireEvent.click(screen.getByTestId("profile-remove-confirm-keep"));
      expect(calls.some((call) => call.cmd === "profile_remove")).toBe(false);
      fireEvent.click(screen.getByTestId("profile-remove-Staging"));
      fireEvent.click(screen.getByTestId("profile-remove-confirm-discard"));
      await waitFor(() => expect(calls.find((call) => call.cmd === "profile_remove")?.args).toEqual({ name: "Staging" }));
    });
  });
});
