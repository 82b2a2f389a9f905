import type { ApiKey, MetadataStore, Site } from "@pulse/metadata";

/** The sites a key can see: its one site, or every site of its account. Read from the store, so fresh. */
export async function visibleSitesOf(key: ApiKey, store: MetadataStore): Promise<Site[]> {
  const sites = await store.listSites({ account_id: key.account_id });
  return key.site_id === "" ? sites : sites.filter((site) => site.id === key.site_id);
}
