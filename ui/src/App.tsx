// The window's frame: sidebar, header, and the screen the route names. The first screen
// (the apps list) is in the main bundle; the others load when opened, which keeps
// start-up parsing and memory down. Navigation goes through the leave guard: leaving an
// app with unsaved edits asks first (unsaved/LeaveGuard.tsx); edits kept from an earlier
// page come back and are announced (unsaved/KeptDraftsNotice.tsx).
import { lazy, Suspense, useState } from "react";
import { useOverview } from "./api/overview";
import { EmptyState } from "./components/EmptyState";
import { Header } from "./components/Header";
import { Sidebar } from "./components/Sidebar";
import { UnlockScreen } from "./components/UnlockScreen";
import { AppsView } from "./features/apps/AppsView";
import { markOnce } from "./paintMark";
import type { Route } from "./route";
import { useLeaveGuard } from "./unsaved/guard";
import { KeptDraftsNotice } from "./unsaved/KeptDraftsNotice";
import { useKeptDrafts } from "./unsaved/keptDrafts";
import { LeaveGuardProvider } from "./unsaved/LeaveGuard";

const ProfilesView = lazy(() => import("./features/profiles/ProfilesView").then((m) => ({ default: m.ProfilesView })));
const AppPage = lazy(() => import("./features/apps/AppPage").then((m) => ({ default: m.AppPage })));
const CreateAppWizard = lazy(() => import("./features/apps/CreateAppWizard").then((m) => ({ default: m.CreateAppWizard })));
const ChecksView = lazy(() => import("./features/checks/ChecksView").then((m) => ({ default: m.ChecksView })));
const RequestsView = lazy(() => import("./features/requests/RequestsView").then((m) => ({ default: m.RequestsView })));
const ManifestView = lazy(() => import("./features/manifest/ManifestView").then((m) => ({ default: m.ManifestView })));

export function App() {
  return (
    <LeaveGuardProvider>
      <Frame />
    </LeaveGuardProvider>
  );
}

function Frame() {
  markOnce("app-render");
  const [route, setRoute] = useState<Route>({ view: "apps" });
  const guard = useLeaveGuard();
  const overview = useOverview();
  const data = overview.data;
  const profile = data?.current_profile ?? null;
  const open = data?.store.unlocked && profile ? profile.id : null;
  const keptFailure = useKeptDrafts(open);

  /** Goes to `next`, asking first when that leaves an app with unsaved edits. */
  function navigate(next: Route) {
    const leaving = route.view === "app" && !(next.view === "app" && next.app === route.app) ? route.app : null;
    if (leaving === null) setRoute(next);
    else guard(leaving, () => setRoute(next));
  }

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
    if (route.view === "create") return <CreateAppWizard navigate={navigate} />;
    if (route.view === "checks") return <ChecksView navigate={navigate} />;
    if (route.view === "requests") return <RequestsView />;
    if (route.view === "manifest") return <ManifestView mode={route.mode} apps={route.apps} navigate={navigate} />;
    if (route.view === "app") return <AppPage key={route.app} app={route.app} tab={route.tab} navigate={navigate} />;
    return <AppsView navigate={navigate} profileKind={profile.kind} />;
  }

  return (
    <div className="frame">
      <Sidebar
        view={route.view === "profiles" || route.view === "checks" || route.view === "requests" ? route.view : "apps"}
        onNavigate={(view) => navigate({ view })}
        version={data?.version}
      />
      <div className="main">
        <Header profile={profile} loading={overview.isPending} keySource={data?.store.key_source ?? null} />
        {data?.startup_error && data.store.unlocked ? (
          <div className="banner warn" role="status">
            {data.startup_error.message}
          </div>
        ) : null}
        {open !== null ? (
          <KeptDraftsNotice onScreen={route.view === "app" ? route.app : null} failure={keptFailure} navigate={navigate} />
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
