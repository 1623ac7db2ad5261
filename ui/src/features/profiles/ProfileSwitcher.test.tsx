import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ProfileView } from "../../api/bindings";
import { Header } from "../../components/Header";
import { LeaveGuardProvider } from "../../unsaved/LeaveGuard";
import { writeDraft } from "../../unsaved/drafts";

function profile(id: number, name: string, current: boolean, kind: ProfileView["kind"] = "custom"): ProfileView {
  return {
    id,
    name,
    kind,
    api_base: `https://api.${name.toLowerCase()}.example/`,
    brand_url: `https://app.${name.toLowerCase()}.example/`,
    directory_token: "…a1b2",
    is_current: current,
    insecure: false,
    created_at: "2026-11-22T10:00:00Z",
  };
}

const PROFILES = [profile(1, "Sandbox", true, "sandbox"), profile(2, "Staging", false), profile(3, "Production", false, "production")];

function renderHeader(use: (name: string) => unknown = (name) => ({ ...PROFILES.find((p) => p.name === name)!, is_current: true })) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "profiles_list") return PROFILES;
    if (cmd === "profile_use") return use((args as { name: string }).name);
    return null;
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LeaveGuardProvider>
        <Header profile={PROFILES[0]!} loading={false} keySource="keyring" />
      </LeaveGuardProvider>
    </QueryClientProvider>,
  );
  return calls;
}

const chip = () => screen.getByTestId("current-profile");
const filter = () => document.getElementById("profile-switcher-filter") as HTMLInputElement;
const options = () => within(screen.getByRole("listbox")).queryAllByRole("option");

describe("the header's profile switcher", () => {
  it("opens from the chip with focus in the filter, filters as you type, and switches with the arrow keys and Enter", async () => {
    const calls = renderHeader();
    expect(chip().textContent).toContain("Sandbox");
    fireEvent.click(chip());
    expect(screen.getByTestId("profile-switcher")).toBeTruthy();
    expect(document.activeElement).toBe(filter());
    await waitFor(() => expect(options()).toHaveLength(3));
    // The highlight starts on the current profile.
    expect(options()[0]!.getAttribute("aria-selected")).toBe("true");
    expect(filter().getAttribute("aria-activedescendant")).toBe(options()[0]!.id);

    fireEvent.input(filter(), { target: { value: "pro" } });
    expect(options().map((option) => option.textContent)).toEqual([expect.stringContaining("Production")]);
    fireEvent.input(filter(), { target: { value: "" } });
    fireEvent.keyDown(filter(), { key: "ArrowDown" });
    expect(options()[1]!.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(filter(), { key: "ArrowUp" });
    fireEvent.keyDown(filter(), { key: "ArrowUp" });
    expect(options()[2]!.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(filter(), { key: "ArrowDown" });
    fireEvent.keyDown(filter(), { key: "ArrowDown" });
    fireEvent.keyDown(filter(), { key: "Enter" });

    await waitFor(() => expect(calls.find((call) => call.cmd === "profile_use")?.args).toEqual({ name: "Staging" }));
    expect(screen.queryByTestId("profile-switcher")).toBeNull();
    expect(document.activeElement).toBe(chip());
  });

  it("closes on Escape and gives focus back to the chip, switching nothing", async () => {
    const calls = renderHeader();
    fireEvent.click(chip());
    await waitFor(() => expect(options()).toHaveLength(3));
    fireEvent.keyDown(filter(), { key: "Escape" });
    expect(screen.queryByTestId("profile-switcher")).toBeNull();
    expect(chip().getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(chip());
    expect(calls.some((call) => call.cmd === "profile_use")).toBe(false);
  });

  it("asks before switching while an app has unsaved edits, as the Profiles view does", async () => {
    writeDraft("notesapp", "settings", { name: "Renamed" });
    const calls = renderHeader();
    fireEvent.click(chip());
    fireEvent.click(await screen.findByTestId("switch-to-Production"));
    expect(await screen.findByTestId("unsaved-dialog")).toBeTruthy();
    expect(screen.getByTestId("unsaved-list").textContent).toContain("notesapp: Settings");
    fireEvent.click(screen.getByTestId("unsaved-dialog-keep"));
    expect(calls.some((call) => call.cmd === "profile_use")).toBe(false);

    fireEvent.click(chip());
    fireEvent.click(await screen.findByTestId("switch-to-Production"));
    fireEvent.click(await screen.findByTestId("unsaved-dialog-discard"));
    await waitFor(() => expect(calls.find((call) => call.cmd === "profile_use")?.args).toEqual({ name: "Production" }));
  });

  it("opens again with the reason when the switch is refused", async () => {
    renderHeader(() => {
      throw { code: "store", message: "The store could not switch the profile." };
    });
    fireEvent.click(chip());
    await waitFor(() => expect(options()).toHaveLength(3));
    fireEvent.input(filter(), { target: { value: "stag" } });
    fireEvent.keyDown(filter(), { key: "Enter" });
    expect((await screen.findByTestId("profile-switch-error")).textContent).toContain("could not switch the profile");
    expect(screen.getByTestId("profile-switcher")).toBeTruthy();
  });
});
