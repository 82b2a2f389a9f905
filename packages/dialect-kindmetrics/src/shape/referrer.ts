/** The host of a stored referrer URL without "www.", as Kindmetrics' referrer "domain"; "" for none. */
export function referrerDomainOf(url: string): string {
  const parsed = URL.parse(url);
  if (parsed === null) return "";
  const host = parsed.hostname.toLowerCase();
  return host.startsWith("www.") ? host.slice(4) : host;
}
