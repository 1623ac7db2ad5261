import { lazy, Suspense, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { commands } from "./api/commands";
import { Sidebar } from "./components/Sidebar";
import { Header } from "./components/Header";
import { EmptyState } from "./components/EmptyState";
import { UnlockScreen } from "./components/UnlockScreen";
import { AppsView } from "./components/AppsView";
import { markOnce } from "./paintMark";
// The first screen (the apps list) is in the main bundle; the others load when opened,
// which keeps start-up parsing and memory down.
const ProfilesView = lazy(() => import("./components/ProfilesView").then((m) => ({ default: m.ProfilesView })));
const AppPage = lazy(() => import("./components/AppPage").then((m) => ({ default: m.AppPage })));
const CreateAppWizard = lazy(() => import("./components/CreateAppWizard").then((m) => ({ default: m.CreateAppWizard })));
const ChecksView = lazy(() => import("./components/ChecksView").then((m) => ({ default: m.ChecksView })));
import type { Route } from "./route";

export function App() {
  markOnce("app-render");
  const [route, setRoute] = useState<Route>({ view: "apps" });
  const overview = useQuery({ queryKey: ["overview"], queryFn: commands.consoleOverview });
  const data = overview.data;
  const profile = data?.current_profile ?? null;

  function content() {
    if (overview.isPending) return <p className="muted" role="status">Starting…</p>;
    if (overview.isError) {
      return (
        <EmptyState
          title="The console could not start"
          body={overview.error.message}
          hint="Restart the console. If this keeps happening, run it from a terminal to see its log."
        />
      );
    }
    if (data?.store.passphrase_prompt) return <UnlockScreen prompt={data.store.passphrase_prompt} />;
    if (data && !data.store.unlocked) {
      return (
        <EmptyState
          title="The store could not be opened"
          body={data.startup_error?.message ?? "The encrypted store is not available."}
          hint={`Data folder: ${data.data_dir}`}
        />
      );
    }
    if (route.view === "profiles") return <ProfilesView />;
    if (!profile) {
      return (
        <EmptyState
          title="No profile selected"
          body="Add a profile to get started: choose Production or a custom environment and paste your directory API token."
          hint="New here? The Sandbox profile lets you try everything offline."
        />
      );
    }
    if (route.view === "create") return <CreateAppWizard navigate={setRoute} />;
    if (route.view === "checks") return <ChecksView navigate={setRoute} />;
    if (route.view === "app") return <AppPage key={route.app} app={route.app} tab={route.tab} navigate={setRoute} />;
    return <AppsView navigate={setRoute} />;
  }

  return (
    <div className="frame">
      <Sidebar
        view={route.view === "profiles" || route.view === "checks" ? route.view : "apps"}
        onNavigate={(view) => setRoute({ view })}
        version={data?.version}
      />
      <div className="main">
        <Header profile={profile} loading={overview.isPending} keySource={data?.store.key_source ?? null} />
        {data?.startup_error && data.store.unlocked ? (
          <div className="banner warn" role="status">
            {data.startup_error.message}
          </div>
        ) : null}
        <main className="content" aria-live="polite">
          <Suspense
            fallback={
              <p className="muted" role="status">
                Loading…
              </p>
            }
          >
            {content()}
          </Suspense>
        </main>
      </div>
    </div>
  );
}
