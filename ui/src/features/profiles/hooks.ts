// Profiles' reads and actions. Everything the console shows belongs to a profile, so
// adding one (it may become current), switching, editing (a rename shows in the header; a
// new API base or token lists other apps) and removing make every query stale.
import { useQuery } from "@tanstack/react-query";
import type { ProfileEdit } from "../../api/bindings";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";

export function useProfiles() {
  return useQuery({ queryKey: queryKeys.profiles(), queryFn: commands.profilesList });
}

export function useAddProfile() {
  return useAction({ run: commands.profileAdd, invalidates: "everything" });
}

export function useSwitchProfile() {
  return useAction({ run: commands.profileUse, invalidates: "everything" });
}

export function useEditProfile() {
  return useAction({
    run: (vars: { name: string; edit: ProfileEdit }) => commands.profileEdit(vars.name, vars.edit),
    invalidates: "everything",
  });
}

export function useRemoveProfile() {
  return useAction({ run: commands.profileRemove, invalidates: "everything" });
}
