// A Copy button that copies through the Rust shell: plain text by value, a kept secret
// by reference (the page never holds it), with "Copied" feedback for a few seconds.

import { useEffect, useRef, useState } from "react";
import type { SecretToCopy } from "../api/bindings";
import { asConsoleError, commands } from "../api/commands";

type Source = { text: string } | { app: string; secret: SecretToCopy };

/**
 * Copies through the Rust shell. A secret is named by reference ({app, secret}) so its
 * value never has to be in this page; Rust clears it from the clipboard after 30 s.
 */
export function CopyButton(props: { source: Source; label?: string; testId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const isSecret = "secret" in props.source;

  async function copy() {
    try {
      if ("secret" in props.source) await commands.clipboardCopySecret(props.source.app, props.source.secret);
      else await commands.clipboardCopyText(props.source.text);
      setState("copied");
      setProblem(null);
    } catch (error) {
      setState("failed");
      setProblem(asConsoleError(error).message);
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState("idle"), 4000);
  }

  const label = props.label ?? "Copy";
  return (
    <button
      type="button"
      className="copy-button"
      aria-live="polite"
      onClick={() => void copy()}
      data-testid={props.testId}
      title={problem ?? (isSecret ? "Copied secrets are cleared from the clipboard after 30 seconds" : undefined)}
    >
      {state === "copied" ? (isSecret ? "Copied · clears in 30 s" : "Copied") : state === "failed" ? "Copy failed" : label}
    </button>
  );
}
