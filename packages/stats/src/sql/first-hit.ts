import { type CompiledQuery, Params } from "./params.js";

/** When the site's history begins (for the whole-history range): min_time, or an empty result. */
export function compileFirstHit(siteId: string): CompiledQuery {
  const params = new Params();
  const site = params.named("site", "String", siteId);
  return {
    sql: `SELECT toString(min(time)) AS min_time FROM events WHERE site_id = ${site} AND is_bot = 0 AND kind != 'session' HAVING count() > 0`,
    params: params.all,
  };
}
