import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { ErrorNotice } from "./ErrorNotice";
import { ConsoleError } from "../api/commands";

describe("ErrorNotice", () => {
  it("titles the failure by its code and adds the platform's words and the wait", () => {
    render(
      <ErrorNotice
        error={
          new ConsoleError({
            code: "rate_limited",
            message: "The platform is limiting requests.",
            status: 429,
            vendor_message: "Too many requests",
            retry_after_secs: 12,
          })
        }
      />,
    );
    const notice = screen.getByRole("alert");
    expect(notice.getAttribute("data-code")).toBe("rate_limited");
    expect(notice.textContent).toContain("The platform asked us to slow down");
    expect(notice.textContent).toContain("(HTTP 429): Too many requests");
    expect(notice.textContent).toContain("wait 12 s");
  });

  it("says what to do for a refused token", () => {
    render(<ErrorNotice error={new ConsoleError({ code: "unauthorized", message: "The token was refused." })} />);
    expect(screen.getByRole("alert").textContent).toContain("Open Profiles and add the profile again");
  });
});

describe("ErrorNotice, when Rust's message opens with its title", () => {
  it("says those words once: the message alone", () => {
    render(
      <ErrorNotice
        error={new ConsoleError({ code: "network", message: "The platform could not be reached: connection refused (os error 111)." })}
      />,
    );
    const text = screen.getByRole("alert").textContent ?? "";
    expect(text.match(/could not be reached/g)).toHaveLength(1);
    expect(text).toContain("The platform could not be reached: connection refused (os error 111).");
  });
});
