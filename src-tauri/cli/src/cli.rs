//! The command line, as clap parses it. Argument plumbing only: every subcommand maps to
//! one `Console` method (see `commands`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "intandem",
    version,
    about = "Manage inTandem platform apps, credentials and OAuth flows from a terminal",
    long_about = "Manage inTandem platform apps, credentials and OAuth flows from a terminal.\n\n\
                  The local store is unlocked with the OS keyring, else with the passphrase in \
                  INTANDEM_PASSPHRASE (or asked for on a terminal). Logs go to stderr, filtered \
                  by INTANDEM_LOG (e.g. INTANDEM_LOG=debug)."
)]
pub struct Cli {
    /// The folder of the local encrypted store (default: the desktop app's data folder).
    #[arg(long, global = true, env = "INTANDEM_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Run against this profile instead of the current one.
    #[arg(long, global = true, env = "INTANDEM_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Environments and their directory tokens.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// The platform's apps.
    #[command(subcommand)]
    Apps(AppsCommand),
    /// An app's OAuth redirect URIs.
    #[command(subcommand, name = "redirect-uris")]
    RedirectUris(RedirectUrisCommand),
    /// An app's API tokens.
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// Issue an app access token from the app's client credentials (shown, not kept).
    #[command(name = "service-token")]
    ServiceToken {
        /// The app's code name.
        app: String,
    },
    /// Test an app's OAuth authorization-code flow.
    #[command(subcommand)]
    Oauth(OAuthCommand),
    /// Check an app's setup (or every app's, with --all) and print a report to paste
    /// into a ticket; exits 1 when a check fails.
    #[command(group(clap::ArgGroup::new("target").required(true).args(["app", "all"])))]
    Check {
        /// The app's code name.
        app: Option<String>,
        /// Check every app of the directory.
        #[arg(long)]
        all: bool,
        /// How many apps to check at once with --all.
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=16))]
        concurrency: u16,
    },
    /// Open the app as the App Market's "Open app" does, as a staff member of a business,
    /// and judge how it integrates (state, brand host, redirect URI, the 30-second
    /// exchange, userinfo). Exit 0 on pass or warn, 1 on fail.
    ///
    /// On the sandbox the platform's own trace is judged (and, after the flow, whether the
    /// app checks state); on another platform, what the browser shows.
    Launch(LaunchArgs),
    /// The directory's businesses and their staff (whom `launch` can open an app as).
    Businesses,
    /// An app's launches and their verdicts, newest first.
    Launches {
        app: String,
        /// At most this many launches.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print the newest launch's report as Markdown, for a support ticket (redacted).
        #[arg(long, conflicts_with = "limit")]
        markdown: bool,
    },
    /// Compare a manifest of apps with the profile's platform: what apply would create
    /// and change. Exit 0 when there is nothing to do, 2 when there are changes, 1 on error.
    Plan(PlanArgs),
    /// Apply a manifest of apps to the profile's platform, after showing the plan and
    /// asking (--yes for CI). Nothing is ever deleted; a second apply plans nothing.
    Apply(ApplyArgs),
    /// Every platform call the profile made, newest first (redacted: no token, secret or
    /// code): method, path, status, time; --verbose adds the headers and bodies.
    Log {
        /// Only the calls about this app.
        #[arg(long)]
        app: Option<String>,
        /// At most this many calls.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        verbose: bool,
    },
    /// The changes made through the console, newest first.
    Audit {
        /// Only this app's entries.
        app: Option<String>,
        /// At most this many entries.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Print the shell completion script for bash, zsh or fish (the packages install them).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page, roff (the packages install it as intandem(1)).
    Man,
    /// Run the emulated platform on loopback; prints one JSON line with its URLs and credentials.
    Sandbox {
        /// The port to listen on (0: any free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Keep the sandbox's state in this file between runs.
        #[arg(long, value_name = "FILE")]
        state_file: Option<PathBuf>,
        /// Demo apps to seed.
        #[arg(long, default_value_t = 3)]
        seed_apps: usize,
        /// List app tokens in full in `GET /platform/v1/tokens` (by default they are listed
        /// masked, `****abcd`, as a careful platform does).
        #[arg(long)]
        list_tokens_in_full: bool,
    },
}

#[derive(Debug, Args)]
pub struct LaunchArgs {
    /// The app's code name.
    pub app: String,
    /// The business to open it in (default: the directory's first).
    #[arg(long, value_name = "UID")]
    pub business: Option<String>,
    /// The staff member to open it as (default: the business's owner).
    #[arg(long, value_name = "UID")]
    pub staff: Option<String>,
    /// Do not open a browser: print the launch URL first (with --json, a JSON object
    /// holding `launch_url`) and wait for the app's flow.
    #[arg(long)]
    pub no_browser: bool,
    /// How long to wait for the app's flow, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
    /// Skip the state probe (after the flow, the sandbox sends the app a code with a state
    /// it never issued, to see whether it checks state).
    #[arg(long)]
    pub no_probe: bool,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a profile. The directory token is read from stdin (one line), never from the command line.
    Add {
        name: String,
        /// The platform API base URL, e.g. https://api.vcita.biz.
        #[arg(
            long,
            value_name = "URL",
            required_unless_present = "production",
            requires = "brand_url"
        )]
        api_base: Option<String>,
        /// The brand host users log in on, e.g. https://app.vcita.com.
        #[arg(long, value_name = "URL", requires = "api_base")]
        brand_url: Option<String>,
        /// Production: https://api.vcita.biz and https://app.vcita.com.
        #[arg(long, conflicts_with_all = ["api_base", "brand_url"])]
        production: bool,
        /// Make it the current profile.
        #[arg(long = "use")]
        make_current: bool,
        /// Accept a plain-http API base or brand URL on another computer. The directory
        /// token and client secrets then cross the network unencrypted; without this flag
        /// such a profile is refused (http on 127.0.0.1, ::1 or localhost needs no flag).
        #[arg(long)]
        allow_insecure_http: bool,
    },
    /// List the profiles (tokens masked).
    List,
    /// Make a profile the current one.
    Use { name: String },
    /// Remove a profile and everything kept for it.
    Remove { name: String },
    /// Rename a profile, point it elsewhere, or rotate its directory token (read from
    /// stdin with --rotate-token, checked with the platform before it replaces the old one).
    Edit {
        name: String,
        #[arg(long, value_name = "NEW_NAME")]
        rename: Option<String>,
        #[arg(long, value_name = "URL")]
        api_base: Option<String>,
        #[arg(long, value_name = "URL")]
        brand_url: Option<String>,
        #[arg(long)]
        rotate_token: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// List the apps (the cached list when the platform is unreachable).
    List,
    /// Show one app in full.
    Show { app: String },
    /// Create an app; prints its client_id and client_secret, once.
    Create(CreateArgs),
    /// Change an app: only the fields that differ are sent.
    Update(UpdateArgs),
    /// Show the app's client id and (masked unless --reveal) client secret.
    Credentials {
        app: String,
        /// Show the client secret itself.
        #[arg(long)]
        reveal: bool,
    },
    /// Keep the credentials of an app created elsewhere: the client secret is read from
    /// stdin; the pair is checked with the platform first (a wrong pair keeps nothing).
    /// Replaces credentials kept before.
    #[command(name = "credentials-import")]
    CredentialsImport {
        app: String,
        #[arg(long)]
        client_id: String,
    },
    /// Forget the app's kept credentials (the platform's app is untouched).
    #[command(name = "credentials-remove")]
    CredentialsRemove { app: String },
    /// Write apps as a manifest (apps as code): every field you can set that the platform
    /// returns, no secret. Apply it elsewhere with `intandem plan` and `intandem apply`.
    Export(ExportArgs),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Toml,
    Json,
}

#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum CredentialsFormat {
    #[default]
    Json,
    Dotenv,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).multiple(true).args(["apps", "all"])))]
pub struct ExportArgs {
    /// The apps' code names.
    pub apps: Vec<String>,
    /// Every app of the directory.
    #[arg(long)]
    pub all: bool,
    /// toml (default) or json; by default the output file's extension decides.
    #[arg(long)]
    pub format: Option<FormatArg>,
    /// Write to this new file (never overwritten) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The manifest (TOML or JSON, by its extension or its first character).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long)]
    pub format: Option<FormatArg>,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The manifest (TOML or JSON, by its extension or its first character).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long)]
    pub format: Option<FormatArg>,
    /// Apply without asking (for CI); otherwise the plan is shown and you type yes.
    #[arg(long)]
    pub yes: bool,
    /// Also write the new apps' client ids and secrets to this new file (0600, never
    /// overwritten), for a pipeline that hands them to a secret manager. They are in the
    /// encrypted store either way.
    #[arg(long, value_name = "FILE")]
    pub credentials_out: Option<PathBuf>,
    /// json (default) or dotenv (`<CODE>_CLIENT_ID=…`, `<CODE>_CLIENT_SECRET=…`).
    #[arg(long, value_enum, default_value_t = CredentialsFormat::Json, requires = "credentials_out")]
    pub credentials_format: CredentialsFormat,
}

/// App fields settable from flags (they override those of --from-file).
#[derive(Debug, Args)]
pub struct AppFields {
    /// A JSON file with any editable fields of the platform's app reference.
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// The display name (3 to 25 characters).
    #[arg(long)]
    pub name: Option<String>,
    /// The app's main redirect URI (its landing page).
    #[arg(long, value_name = "URI")]
    pub redirect_uri: Option<String>,
    /// A URL parameter passed to the app (repeat it); brand_host is the one OAuth needs.
    #[arg(long = "url-param", value_name = "PARAM")]
    pub url_params: Vec<String>,
    /// An OAuth redirect URI (repeat it).
    #[arg(long = "oauth-redirect-uri", value_name = "URI")]
    pub oauth_redirect_uris: Vec<String>,
    /// Skip the consent screen (set at creation only).
    #[arg(long)]
    pub trusted: bool,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub fields: AppFields,
    /// The code name to ask for (letters and digits); the platform derives one otherwise.
    #[arg(long, value_name = "NAME")]
    pub app_code_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    pub app: String,
    #[command(flatten)]
    pub fields: AppFields,
    /// Show what would change, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum RedirectUrisCommand {
    /// Every redirect URI the authorize page accepts for the app.
    List { app: String },
    /// Register OAuth redirect URIs.
    Add(UrisArgs),
    /// Unregister OAuth redirect URIs.
    Remove(UrisArgs),
    /// Make the OAuth redirect URIs exactly these.
    Replace(UrisArgs),
}

#[derive(Debug, Args)]
pub struct UrisArgs {
    pub app: String,
    #[arg(value_name = "URI")]
    pub uris: Vec<String>,
    /// Show the diff, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Issue an API token for the app; prints it.
    Create { app: String },
    /// The app's tokens, masked.
    List { app: String },
    /// Revoke a token, named by its last 4 characters, or by the whole token read from
    /// standard input (`-`), so that it never shows in the process list or shell history.
    ///
    /// Examples: `intandem tokens revoke myapp 0066`;
    /// `printf '%s\n' "$TOKEN" | intandem tokens revoke myapp -`.
    Revoke {
        app: String,
        /// The token's last 4 characters, or `-` to read the whole token from stdin.
        #[arg(value_name = "LAST_4_OR_-")]
        token: String,
    },
}

#[derive(Debug, Args)]
pub struct OAuthTestArgs {
    pub app: String,
    /// One of the app's registered redirect URIs (by default its first loopback one).
    #[arg(long, value_name = "URI")]
    pub redirect_uri: Option<String>,
    /// Add a PKCE S256 challenge.
    #[arg(long)]
    pub pkce: bool,
    /// Do not open a browser: print the authorize URL as the first line (with --json, a
    /// JSON object holding `url`), then wait for the redirect.
    #[arg(long)]
    pub no_browser: bool,
    /// How long to wait for the redirect, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
    /// When the app has no loopback redirect URI, register http://127.0.0.1:<port>/callback
    /// for this run and remove it afterwards (even on failure or Ctrl-C); both changes are
    /// in the audit log.
    #[arg(long, conflicts_with = "redirect_uri")]
    pub register_loopback: bool,
    /// Log in on this brand host instead of the profile's brand URL.
    #[arg(long, value_name = "URL")]
    pub brand_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum OAuthCommand {
    /// Test the app's OAuth flow in your own browser: opens the authorize URL, catches the
    /// redirect on a local listener, exchanges the code and reads the user's info. Exit 0
    /// when it succeeds, 1 when it fails.
    ///
    /// The app needs a loopback redirect URI with a port (http://127.0.0.1:8765/callback);
    /// --register-loopback registers one for this run and removes it afterwards. For any
    /// other redirect URI, paste the URL the browser ends on when asked.
    Test(OAuthTestArgs),
    /// Start a test: prints the URL to open, its state, and when the test expires.
    #[command(name = "authorize-url")]
    AuthorizeUrl {
        app: String,
        /// One of the app's registered redirect URIs, exactly.
        #[arg(long, value_name = "URI")]
        redirect_uri: String,
        /// Add a PKCE S256 challenge.
        #[arg(long)]
        pkce: bool,
        /// Log in on this brand host instead of the profile's brand URL.
        #[arg(long, value_name = "URL")]
        brand_url: Option<String>,
        /// Space-separated scopes.
        #[arg(long)]
        scope: Option<String>,
    },
    /// Finish a test with the full URL the browser was sent to. The URL carries the
    /// authorization code, so it is read from standard input (paste it, or pipe it) unless
    /// it is given with --redirect-url.
    Complete {
        /// The URL; `-` or leaving the flag out reads it from stdin (keeps the code out of
        /// the process list and shell history).
        #[arg(long, value_name = "URL")]
        redirect_url: Option<String>,
    },
    /// List an app's OAuth tests, newest first.
    Runs {
        app: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// A test's report for a support ticket: Markdown (JSON with --json), secrets redacted.
    Report { run_id: i64 },
}
