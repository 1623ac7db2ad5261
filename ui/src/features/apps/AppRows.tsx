// The apps list's rows: a virtualized table (only the rows in view are in the DOM), each
// with its name (opening the app), code name, id, and whether its client secret is kept
// here. Reports the first paint once rows are committed.
import { useLayoutEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Navigate } from "../../route";
import { markOnce, reportFirstPaint } from "../../paintMark";
import type { IndexedApp } from "./order";

const ROW_HEIGHT = 38;

/** Stable across renders, so the virtualizer does not re-measure 10,000 rows per keystroke. */
const rowHeight = () => ROW_HEIGHT;

export function AppRows(props: { rows: IndexedApp[]; navigate: Navigate }) {
  const scroller = useRef<HTMLDivElement>(null);
  const hasRows = props.rows.length > 0;
  // Right after the rows are in the DOM: reportFirstPaint waits for the frame that shows
  // them (as the bare app does). From a passive effect, which Preact runs only after a
  // frame, it would have waited for the frame after that one.
  useLayoutEffect(() => {
    if (hasRows) {
      markOnce("rows-committed");
      reportFirstPaint();
    }
  }, [hasRows]);
  // This app does not use the React Compiler, so the virtualizer's unmemoizable API is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: rowHeight,
    overscan: 8,
    // jsdom and the first paint have no layout yet: assume a window-sized list.
    initialRect: { width: 900, height: 600 },
  });
  return (
    <div className="vtable" role="table" aria-label="Apps" aria-rowcount={props.rows.length + 1} data-testid="apps-table">
      <div className="vrow vhead" role="row" aria-rowindex={1}>
        <span role="columnheader">Name</span>
        <span role="columnheader">Code name</span>
        <span role="columnheader">App id</span>
        <span role="columnheader">Credentials</span>
      </div>
      <div className="vscroll" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }} role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            const { app } = props.rows[item.index]!;
            return (
              <div
                key={app.app_code_name}
                className="vrow"
                role="row"
                aria-rowindex={item.index + 2}
                // `top`, not a transform: no compositing layer per row (less memory, cheaper paints).
                style={{ position: "absolute", top: item.start, left: 0, right: 0, height: ROW_HEIGHT }}
              >
                <span role="cell">
                  <button
                    type="button"
                    className="row-link"
                    onClick={() => props.navigate({ view: "app", app: app.app_code_name, tab: "settings" })}
                    data-testid={`open-app-${app.app_code_name}`}
                  >
                    {app.name ?? "(no name)"}
                  </button>
                </span>
                <span role="cell" className="mono">
                  {app.app_code_name}
                </span>
                <span role="cell" className="mono muted">
                  {app.app_id ?? "—"}
                </span>
                <span role="cell">
                  {app.has_credentials ? (
                    <span className="badge ok" title="This console keeps the app's client id and secret">
                      secret kept here
                    </span>
                  ) : (
                    <span className="badge" title="This console keeps no client secret for this app (created elsewhere, or forgotten)">
                      no secret kept here
                    </span>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
