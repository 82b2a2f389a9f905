import type { Context } from "hono";

/**
 * The API token of a request, in any form the supported APIs use:
 * `Authorization: Bearer <token>`, a bare `Authorization: <token>`, or `?token=<token>`.
 */
export function tokenOf(c: Context): string | undefined {
  const header = c.req.header("authorization")?.trim();
  if (header) {
    const bearer = /^bearer(?:\s+(.*))?$/i.exec(header);
    return (bearer ? (bearer[1] ?? "") : header).trim() || undefined;
  }
  return c.req.query("token")?.trim() || undefined;
}
