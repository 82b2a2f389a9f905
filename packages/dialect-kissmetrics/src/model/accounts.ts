import type { Account } from "@pulse/metadata";
import { z } from "zod";
import { type Hrefs, link, linkOf } from "../http/links.js";
import { kmTime, kmTimeOfVersion } from "../http/times.js";

export const accountBody = z.object({
  links: z.array(link),
  contact: z.object({ phone: z.null(), country: z.null(), name: z.null() }),
  updated_at: z.string(),
  created_at: z.string(),
  status: z.enum(["active", "canceled"]),
  name: z.string(),
  id: z.string(),
});
export type AccountBody = z.infer<typeof accountBody>;

/** Our accounts hold no contact, and an account that exists is active (deleted ones are gone). */
export function accountBodyOf(account: Account, hrefs: Hrefs): AccountBody {
  return {
    links: [linkOf(hrefs.core("accounts", account.id), "self", "Self"), linkOf(hrefs.core("accounts", account.id, "products"), "products", "Products")],
    contact: { phone: null, country: null, name: null },
    updated_at: kmTimeOfVersion(account.version, "Z"),
    created_at: kmTime(account.created_at, "Z"),
    status: "active",
    name: account.name,
    id: account.id,
  };
}
