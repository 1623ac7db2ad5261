// The values the vendor reference (app-entity.schema.json) enumerates for app fields: app
// types, URL params, locales, menu categories, app layers, token formats. One copy for the
// whole repository: the sandbox (the platform) and the console's core both `include!` it.

pub const APP_TYPES: &[&str] = &[
    "payments",
    "wallets",
    "communication",
    "menu_items",
    "docuforms",
    "import_clients",
    "automated_flows",
    "signatures",
    "onboarding_wizard",
    "notifications",
    "internal",
    "billing_app",
    "receipts",
    "calendar_sync",
    "document_signature",
    "tips",
    "ai_assistant",
    "attachments",
    "widgets",
    "voice_calls",
    "texting",
    "licensing.subscription.admin.read",
];
pub const URL_PARAMS: &[&str] = &[
    "impersonate",
    "business_uid",
    "staff_role",
    "staff_uid",
    "payment_permissions",
    "language",
    "package",
    "brand_host",
];
pub const LOCALES: &[&str] = &[
    "en", "he", "es", "pl", "fr", "it", "pt", "de", "nl", "en-GB", "zh-SG", "keys", "pseudo",
];
pub const MENU_CATEGORIES: &[&str] = &[
    "calendar",
    "clients",
    "payments",
    "inbox",
    "documents",
    "campaigns",
    "reputation",
    "my-livesite",
    "social",
    "social_info",
    "app_market",
    "reports",
    "team-chat",
    "advertising",
    "subscriptions",
    "my_account",
    "cashflow",
    "workforce",
    "setupguide",
    "reviews",
    "social_media",
    "online_listing",
];
pub const APP_LAYERS: &[&str] = &["cores", "connectors", "integrations", "widgets", "boards"];
pub const TOKEN_FORMATS: &[&str] = &["opaque", "jwt"];
