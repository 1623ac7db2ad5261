// The profile forms' one check of their own on an address: filled in, and an absolute
// http(s) URL. Whether the platform answers there is Rust's to say when it is saved.

export function urlProblem(text: string): string | null {
  if (!text.trim()) return "Enter a URL.";
  try {
    const url = new URL(text.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an http:// or https:// URL.";
    return null;
  } catch {
    return "Enter an absolute URL, such as https://api.example.com.";
  }
}
