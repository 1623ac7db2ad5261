// The import screen's manifest: the text pasted or opened, and the file it came from. It
// is kept in the query cache (`queryKeys.manifestImport`, never fetched, never collected),
// not in the screen, so leaving the screen, switching profile and coming back finds it as
// it was; a failed review or apply never touches it. The name Rust reads it under is
// worked out from it (./names.ts).
import { useCallback, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../api/queryKeys";

export type ImportDraft = { text: string; file: { name: string; path: string } | null };

const EMPTY: ImportDraft = { text: "", file: null };

/**
 * The draft and its setter. The screen types into its own copy (a text field must follow
 * each keystroke at once); every change is written to the cache as well.
 */
export function useImportDraft(): [ImportDraft, (next: ImportDraft) => void] {
  const client = useQueryClient();
  // Only there to keep the entry for good (gcTime); the screen's copy is what it shows.
  useQuery<ImportDraft>({
    queryKey: queryKeys.manifestImport(),
    queryFn: () => client.getQueryData<ImportDraft>(queryKeys.manifestImport()) ?? EMPTY,
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const [draft, setDraft] = useState<ImportDraft>(() => client.getQueryData<ImportDraft>(queryKeys.manifestImport()) ?? EMPTY);
  const set = useCallback(
    (next: ImportDraft) => {
      setDraft(next);
      client.setQueryData(queryKeys.manifestImport(), next);
    },
    [client],
  );
  return [draft, set];
}
