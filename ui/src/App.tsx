import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { commands } from "./api/commands";
import { Sidebar, type View } from "./components/Sidebar";
import { Header } from "./components/Header";
import { EmptyState } from "./components/EmptyState";

export function App() {
  const [view, setView] = useState<View>("apps");
  const overview = useQuery({ queryKey: ["overview"], queryFn: commands.overview });
  const profile = overview.data?.current_profile ?? null;

  return (
    <div className="frame">
      <Sidebar view={view} onNavigate={setView} version={overview.data?.version} />
      <div className="main">
        <Header profile={profile} loading={overview.isPending} />
        <main className="content" aria-live="polite">
          {overview.isError ? (
            <EmptyState
              title="The console could not start"
              body={overview.error.message}
              hint="Restart the console. If this keeps happening, run it from a terminal to see its log."
            />
          ) : view === "apps" ? (
            <EmptyState
              title={profile ? "No apps yet" : "No profile selected"}
              body={
                profile
                  ? "This directory has no apps. Create one to get a client ID and secret."
                  : "Add a profile to get started: choose Production or a custom environment and paste your directory API token."
              }
              hint={profile ? undefined : "New here? The Sandbox profile lets you try everything offline."}
            />
          ) : (
            <EmptyState
              title="Profiles"
              body="A profile is an environment (API base URL and brand URL) plus a directory API token, kept in your encrypted store."
              hint="Add a profile to connect the console to a directory."
            />
          )}
        </main>
      </div>
    </div>
  );
}
