// The entry point: the theme, the query client (TanStack Query caches and invalidates;
// retries are the Rust client's), the first screen's reads asked before React mounts,
// then the app.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "./App";
import "./styles.css";
import { applyTheme, loadTheme } from "./theme";
import { commands } from "./api/commands";
import { queryKeys } from "./api/queryKeys";

applyTheme(loadTheme());

// Retries belong to the Rust client (it knows which calls are idempotent);
// TanStack Query only caches and invalidates.
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

// Ask for what the first screen shows before React even mounts: the shell answers as soon
// as its start-up is done.
void queryClient.prefetchQuery({
  queryKey: queryKeys.overview(),
  queryFn: () => commands.consoleOverview().finally(() => performance.mark("overview")),
});
void queryClient.prefetchQuery({
  queryKey: queryKeys.appsCached(),
  queryFn: () => commands.appsCached().finally(() => performance.mark("apps-cached")),
  staleTime: Infinity,
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
