import { isbot } from "isbot";
import { BoundedCache } from "./lru.js";

export interface BotInput {
  userAgent: string;
  path?: string | undefined;
}

// No browser sends a user agent this short; "Mozilla/5.0" alone (11) is caught by isbot.
const MIN_UA_LENGTH = 10;
// isbot covers these today; naming them pins the behaviour should its list ever drop one.
const NON_BROWSER_CLIENTS = /curl|wget|python-requests|go-http-client|node-fetch|axios|headlesschrome/i;
// Requests for secrets and admin scripts come from vulnerability scanners, never from a page view.
const PROBE_PATHS = /^\/(?:\.env|\.git|\.aws|\.ssh|\.htaccess|wp-config\.php|xmlrpc\.php|phpmyadmin)(?:[/.?]|$)/i;

// isbot runs one large regex; the same few hundred user agents make up nearly all traffic.
const cache = new BoundedCache<string, boolean>(10_000);

/** Whether a hit comes from a crawler, script or scanner rather than a person's browser. */
export function isBotHit(input: BotInput): boolean {
  if (input.path !== undefined && PROBE_PATHS.test(input.path)) return true;
  const userAgent = input.userAgent.trim().slice(0, 500);
  if (userAgent.length < MIN_UA_LENGTH) return true;
  let bot = cache.get(userAgent);
  if (bot === undefined) {
    bot = NON_BROWSER_CLIENTS.test(userAgent) || isbot(userAgent);
    cache.set(userAgent, bot);
  }
  return bot;
}
