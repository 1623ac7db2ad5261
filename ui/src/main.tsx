// The app: the query client (TanStack Query caches and invalidates; retries are the Rust
// client's), seeded with the first screen's data the page came with, then the frame. When
// boot.ts painted the apps list already, the app renders once it has the whole cached
// list and replaces that picture in the same task, so no frame shows neither or both.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "./App";
import type { AppsListing, FirstScreen } from "./api/bindings";
import { commands } from "./api/commands";
import { queryKeys } from "./api/queryKeys";
import { markOnce } from "./paintMark";

/** How long the painted first screen may wait for the whole cached list. */
export const TAKE_OVER_AFTER_MS = 2000;

/**
 * Renders the app into `root`. `first`: the data the page came with; `painted`: the first
 * screen's picture, to replace; `cachedAsk`: the whole cached list, already asked for.
 */
export async function start(
  root: HTMLElement,
  first: FirstScreen | null,
  painted: HTMLElement | null,
  cachedAsk?: Promise<AppsListing>,
) {
  // Retries belong to the Rust client (it knows which calls are idempotent);
  // TanStack Query only caches and invalidates.
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });

  // What the first screen shows: from the page when it came with it, else asked at once
  // (the shell answers as soon as its start-up is done).
  if (first) {
    queryClient.setQueryData(queryKeys.overview(), first.overview);
  } else {
    void queryClient.prefetchQuery({
      queryKey: queryKeys.overview(),
      queryFn: () => commands.consoleOverview().finally(() => markOnce("overview")),
    });
  }
  // The answer already asked for serves this first fetch only; any later one asks anew.
  let asked = cachedAsk;
  const cached = queryClient.prefetchQuery({
    queryKey: queryKeys.appsCached(),
    queryFn: () => {
      const answer = asked ?? commands.appsCached();
      asked = undefined;
      return answer.finally(() => markOnce("apps-cached"));
    },
    staleTime: Infinity,
  });
  // The page shows the list already: draw the app when it can draw the list too (or after
  // TAKE_OVER_AFTER_MS at the latest: a store that does not answer must not leave the
  // inert picture up; the app then says it is loading).
  if (painted) await Promise.race([cached, new Promise((done) => setTimeout(done, TAKE_OVER_AFTER_MS))]);

  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
  if (painted) {
    painted.remove();
    markOnce("app-took-over");
  }
}
