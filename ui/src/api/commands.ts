// The typed command wrappers, generated from the shell's command list
// (src-tauri/shell/command_list.rs) into ./commands.generated.ts by `make bindings`.
// Adding a command is a Console method plus one line in that list: see CONTRIBUTING.md.
import { generated } from "./commands.generated";

export { asConsoleError, call, ConsoleError } from "./call";

export const commands = generated;
