import { type AuthEnv, route } from "@pulse/api-kit";
import type { ApiOperation, OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { notSupported } from "./not-supported.js";

type Method = ApiOperation["method"];

/** Pirsch features this platform does not have yet, each with every endpoint the reference lists. */
export const UNSUPPORTED: readonly { feature: string; endpoints: readonly (readonly [Method, string])[] }[] = [
  {
    feature: "Member management",
    endpoints: [
      ["get", "/api/v1/member"],
      ["post", "/api/v1/member"],
      ["put", "/api/v1/member"],
      ["delete", "/api/v1/member"],
    ],
  },
  {
    feature: "Invitation management",
    endpoints: [
      ["get", "/api/v1/invitation"],
      ["post", "/api/v1/invitation"],
      ["delete", "/api/v1/invitation"],
    ],
  },
  {
    feature: "Organization management",
    endpoints: [
      ["get", "/api/v1/organization"],
      ["post", "/api/v1/organization"],
      ["put", "/api/v1/organization"],
      ["delete", "/api/v1/organization"],
      ["put", "/api/v1/organization/theme"],
      ["get", "/api/v1/organization/domain"],
      ["post", "/api/v1/organization/domain"],
      ["delete", "/api/v1/organization/domain"],
      ["post", "/api/v1/organization/autojoin"],
      ["delete", "/api/v1/organization/autojoin"],
    ],
  },
  {
    feature: "Theme management",
    endpoints: [
      ["get", "/api/v1/theme"],
      ["post", "/api/v1/theme"],
      ["delete", "/api/v1/theme"],
      ["delete", "/api/v1/theme/file"],
      ["put", "/api/v1/domain/theme"],
      ["post", "/api/v1/domain/theme"],
    ],
  },
  {
    feature: "Custom domain management",
    endpoints: [
      ["get", "/api/v1/domain/custom"],
      ["post", "/api/v1/domain/custom"],
    ],
  },
  {
    feature: "Email report management",
    endpoints: [
      ["get", "/api/v1/report"],
      ["post", "/api/v1/report"],
      ["put", "/api/v1/report"],
      ["delete", "/api/v1/report"],
    ],
  },
  {
    feature: "Importing statistics",
    endpoints: [
      ["get", "/api/v1/import"],
      ["delete", "/api/v1/import"],
      ["get", "/api/v1/google/import/job"],
      ["delete", "/api/v1/google/import/job"],
      ["get", "/api/v1/google/import/profile"],
      ["post", "/api/v1/google/import"],
      ["post", "/api/v1/import/fathom"],
      ["post", "/api/v1/import/plausible"],
    ],
  },
  { feature: "Billing", endpoints: [["get", "/api/v1/billing"]] },
  {
    feature: "Dashboard user preferences",
    endpoints: [
      ["post", "/api/v1/user/favorite"],
      ["post", "/api/v1/user/pin"],
      ["post", "/api/v1/user/active"],
      ["post", "/api/v1/user/fullwidth"],
    ],
  },
];

/** 501 `{"error": "<feature> is not supported yet"}` at each of those endpoints, instead of a bare 404. */
export function unsupportedRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry): void {
  for (const { feature, endpoints } of UNSUPPORTED) {
    for (const [method, path] of endpoints) {
      route(app, registry, { method, path, summary: `${feature}: not supported yet (501)`, tag: "Pirsch: not supported yet", status: 501 }, () => {
        throw notSupported(feature);
      });
    }
  }
}
