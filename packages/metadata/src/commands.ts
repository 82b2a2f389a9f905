import { type ParseArgsConfig, parseArgs } from "node:util";
import type { MetadataStore } from "./store.js";

export const USAGE = `usage: pulse-admin <command> [options]
  create-account --name <name>
  create-site    --account <id> --domain <host> [--timezone Europe/Berlin] [--alternative a.com,b.com] [--public]
  create-key     --account <id> [--site <id>] --scopes hit,event,session [--name <name>] [--rate-limit 100] [--expires <iso time>]
  add-filter     --site <id> --type ip|cidr|path|user_agent --filter <value> [--description <text>]
  list-sites     [--account <id>]
  create-goal    --site <id> --name <name> [--path '/blog/**'] [--event <name>] [--meta-key <key>] [--meta-value <value>] [--metric-key <key>]
  create-funnel  --site <id> --name <name> --steps '<json array of {"name", "filters": [{"field", "op", "values"}]}>' [--window <seconds>]
  list-goals     [--site <id>]`;

/** Wrong command or options: the CLI prints the usage instead of a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

function parse<const O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`--${flag} is required`);
  return value;
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter(Boolean);

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} must be a whole number`);
  return Number(value);
}

function json(value: string | undefined, flag: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new UsageError(`--${flag} must be valid JSON`);
  }
}

/**
 * Runs one admin command and returns what it produced; values are checked by the store's schemas,
 * so a bad domain or scope fails with the same message as through the API.
 */
export async function runCommand(argv: string[], store: MetadataStore): Promise<unknown> {
  const [command, ...args] = argv;
  switch (command) {
    case "create-account": {
      const o = parse(args, { name: { type: "string" } });
      return store.createAccount({ name: required(o.name, "name") });
    }
    case "create-site": {
      const o = parse(args, {
        account: { type: "string" },
        domain: { type: "string" },
        timezone: { type: "string" },
        alternative: { type: "string" },
        public: { type: "boolean" },
      });
      return store.createSite({
        account_id: required(o.account, "account"),
        domain: required(o.domain, "domain"),
        timezone: o.timezone,
        alternative_domains: list(o.alternative),
        public: o.public,
      });
    }
    case "create-key": {
      const o = parse(args, {
        account: { type: "string" },
        site: { type: "string" },
        scopes: { type: "string" },
        name: { type: "string" },
        "rate-limit": { type: "string" },
        expires: { type: "string" },
      });
      // Printed once: only the hash is kept, so a lost token means a new key.
      return store.createApiKey({
        account_id: required(o.account, "account"),
        site_id: o.site,
        // The store's schema names unknown scopes; the cast only hands the raw strings over.
        scopes: list(required(o.scopes, "scopes")) as never,
        name: o.name,
        rate_limit_per_minute: integer(o["rate-limit"], "rate-limit"),
        expires_at: o.expires,
      });
    }
    case "add-filter": {
      const o = parse(args, {
        site: { type: "string" },
        type: { type: "string" },
        filter: { type: "string" },
        description: { type: "string" },
      });
      return store.createTrafficFilter({
        site_id: required(o.site, "site"),
        type: required(o.type, "type") as never,
        filter: required(o.filter, "filter"),
        description: o.description,
      });
    }
    case "list-sites": {
      const o = parse(args, { account: { type: "string" } });
      return store.listSites(o.account === undefined ? {} : { account_id: o.account });
    }
    case "create-goal": {
      const o = parse(args, {
        site: { type: "string" },
        name: { type: "string" },
        path: { type: "string" },
        event: { type: "string" },
        "meta-key": { type: "string" },
        "meta-value": { type: "string" },
        "metric-key": { type: "string" },
      });
      return store.createGoal({
        site_id: required(o.site, "site"),
        name: required(o.name, "name"),
        path_pattern: o.path,
        event_name: o.event,
        meta_key: o["meta-key"],
        meta_value: o["meta-value"],
        custom_metric_key: o["metric-key"],
      });
    }
    case "create-funnel": {
      const o = parse(args, {
        site: { type: "string" },
        name: { type: "string" },
        steps: { type: "string" },
        window: { type: "string" },
      });
      return store.createFunnel({
        site_id: required(o.site, "site"),
        name: required(o.name, "name"),
        // The store's schema checks the steps' shape; the cast only hands the parsed JSON over.
        steps: json(required(o.steps, "steps"), "steps") as never,
        window_seconds: integer(o.window, "window"),
      });
    }
    case "list-goals": {
      const o = parse(args, { site: { type: "string" } });
      return store.listGoals(o.site === undefined ? {} : { site_id: o.site });
    }
    default:
      throw new UsageError(command ? `unknown command: ${command}` : "no command given");
  }
}
