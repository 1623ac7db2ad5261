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
});
