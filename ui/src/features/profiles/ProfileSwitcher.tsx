// The header's profile chip and the switcher it opens: a filter field (focused when it
// opens) over a listbox of the profiles. Typing filters, the arrow keys move, Enter
// switches, Escape closes and gives focus back to the chip. Switching goes through the
// leave guard (unsaved edits are asked about first) and the profiles hook; a refused
// switch opens the switcher again with the reason.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { ProfileView } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useFocusOnMount } from "../../hooks/focus";
import { useLeaveGuard } from "../../unsaved/guard";
import { useProfiles, useSwitchProfile } from "./hooks";

export function ProfileSwitcher(props: { children: ReactNode; current: string | null }) {
  const [open, setOpen] = useState(false);
  const chip = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const switchProfile = useSwitchProfile();
  const guard = useLeaveGuard();

  // A click anywhere else closes it (focus stays where the click put it).
  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open]);

  function close() {
    setOpen(false);
    chip.current?.focus();
  }

  function choose(profile: ProfileView) {
    close();
    if (profile.is_current) return;
    switchProfile.reset();
    guard(undefined, () => switchProfile.mutate(profile.name, { onError: () => setOpen(true) }));
  }

  return (
    <div className="profile-switch" ref={box}>
      <button
        type="button"
        ref={chip}
        className="profile-chip"
        data-testid="current-profile"
        aria-haspopup="listbox"
        aria-expanded={open}
        title="Switch profile"
        aria-busy={switchProfile.isPending}
        onClick={() => setOpen((was) => !was)}
      >
        {props.children}
        {/* Drawn, not a character: the chip's text stays the profile's name and address. */}
        <svg className="chip-caret" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
          <path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open ? <SwitcherList current={props.current} error={switchProfile.error} onChoose={choose} onClose={close} /> : null}
    </div>
  );
}

function matches(profile: ProfileView, needle: string): boolean {
  return `${profile.name}\u0000${profile.api_base}\u0000${profile.kind}`.toLowerCase().includes(needle);
}

function SwitcherList(props: {
  current: string | null;
  error: Error | null;
  onChoose: (profile: ProfileView) => void;
  onClose: () => void;
}) {
  const profiles = useProfiles();
  const [filter, setFilter] = useState("");
  const [active, setActive] = useState<number | null>(null);
  const input = useFocusOnMount<HTMLInputElement>();
  const needle = filter.trim().toLowerCase();
  const shown = (profiles.data ?? []).filter((profile) => matches(profile, needle));
  const currentIndex = shown.findIndex((profile) => profile.name === props.current);
  // Until the keys move it, the highlight is on the current profile (or the first match).
  const index = shown.length === 0 ? -1 : Math.min(active ?? Math.max(currentIndex, 0), shown.length - 1);
  const optionId = (profile: ProfileView) => `profile-option-${profile.id}`;

  function onKey(event: KeyboardEvent) {
    const count = shown.length;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      props.onClose();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (count > 0) setActive((index + (event.key === "ArrowDown" ? 1 : count - 1)) % count);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      if (count > 0) setActive(event.key === "Home" ? 0 : count - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = shown[index];
      if (chosen) props.onChoose(chosen);
    }
  }

  return (
    <div className="profile-switcher card" data-testid="profile-switcher" onKeyDown={onKey}>
      <input
        ref={input}
        id="profile-switcher-filter"
        type="text"
        role="combobox"
        aria-label="Filter profiles"
        aria-expanded="true"
        aria-controls="profile-switcher-list"
        aria-autocomplete="list"
        aria-activedescendant={index >= 0 && shown[index] ? optionId(shown[index]) : undefined}
        placeholder="Switch to…"
        autoComplete="off"
        spellCheck={false}
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
          setActive(null);
        }}
      />
      {props.error ? <ErrorNotice error={props.error} testId="profile-switch-error" /> : null}
      {profiles.isPending ? <p className="muted small">Loading profiles…</p> : null}
      {profiles.isError ? <ErrorNotice error={profiles.error} onRetry={() => void profiles.refetch()} /> : null}
      <ul role="listbox" id="profile-switcher-list" aria-label="Profiles" className="switcher-list">
        {shown.map((profile, i) => (
          <li
            key={profile.id}
            id={optionId(profile)}
            role="option"
            aria-selected={i === index}
            aria-current={profile.is_current ? "true" : undefined}
            className={i === index ? "switcher-option active" : "switcher-option"}
            data-testid={`switch-to-${profile.name}`}
            // Keep focus in the filter field: the click chooses, it does not blur.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => props.onChoose(profile)}
          >
            <span className={`env-dot env-${profile.kind}`} aria-hidden />
            <span className="profile-name">{profile.name}</span>
            <span className="muted small mono">{profile.api_base}</span>
            {profile.is_current ? <span className="badge ok">current</span> : null}
          </li>
        ))}
      </ul>
      {profiles.data && shown.length === 0 ? <p className="muted small">No profile matches “{filter.trim()}”.</p> : null}
    </div>
  );
}
