/** Where Kindmetrics served its API (https://app.kindmetrics.io/api/...); our domain ids are site ids. */
export const DOMAINS = "/api/domains";
export const DOMAIN = `${DOMAINS}/:id`;
export const TAG = "Kindmetrics";
