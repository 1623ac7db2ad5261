// Profiles' reads and actions. Everything the console shows belongs to a profile, so
// adding one (it may become current) and switching make every query stale.
import { useQuery } from "@tanstack/react-query";
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
