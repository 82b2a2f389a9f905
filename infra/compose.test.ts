import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { envSchema } from "@pulse/config";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

// There is no Docker engine where these tests run, so docker-compose.yml and infra/Dockerfile are
// checked statically against the code they deploy: the config schema, the apps' entry points,
// the pulse-migrate bin, the Kafka version the local stack pins and the ClickHouse chdb bundles.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

interface Healthcheck {
  test?: string | string[];
}
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  expose?: (string | number)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
  stop_grace_period?: string;
  volumes?: (string | { type?: string; source?: string })[];
  ulimits?: Record<string, number | { soft: number; hard: number }>;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  [key: `x-${string}`]: unknown;
}

// `merge: true`: the file shares settings through `<<: *anchor`, which YAML 1.2 leaves off by default.
const compose = parse(read("docker-compose.yml"), { merge: true }) as Compose;
const services = compose.services;
const dockerfile = read("infra/Dockerfile");

const APPS = {
  ingest: "INGEST_PORT",
  consumer: "CONSUMER_PORT",
  query: "QUERY_PORT",
} as const;
type App = keyof typeof APPS;
const APP_NAMES = Object.keys(APPS) as App[];
/** Services running the platform's own image, and so reading the config schema. */
const IMAGE_SERVICES = [...APP_NAMES, "migrate"];

const schemaKeys = Object.keys(envSchema.shape);
const defaults = envSchema.parse({});

/** Resolves `${VAR:-default}`, `${VAR-default}` and `${VAR}` as compose would with none of them set. */
function interpolate(value: string): string {
  return value
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_match, _name, fallback?: string) => fallback ?? "")
    .replace(/\$\$/g, "$");
}

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** A service's environment as written (list or map form), values not interpolated. */
function rawEnv(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf("=");
        return at === -1 ? [entry, ""] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? "" : String(value)]));
}

const env = (name: string) =>
  Object.fromEntries(Object.entries(rawEnv(name)).map(([key, value]) => [key, interpolate(value)]));

function healthcheckCommand(name: string): string {
  const test = service(name).healthcheck?.test;
  if (test === undefined) return "";
  return Array.isArray(test) ? test.join(" ") : test;
}

/** [host port, container port] pairs from short ("3001:3001", "127.0.0.1:3001:3001/tcp") or long syntax. */
function publishedPorts(name: string): [number, number][] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === "object") return [Number(port.published ?? port.target), Number(port.target)];
    const parts = String(port).replace(/\/(tcp|udp)$/, "").split(":");
    const container = Number(parts.at(-1));
    return [parts.length > 1 ? Number(parts.at(-2)) : container, container];
  });
}

const exposed = (name: string) => (service(name).expose ?? []).map(Number);

function dependsOn(name: string): Record<string, string> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((dep) => [dep, "service_started"]));
  return Object.fromEntries(Object.entries(deps).map(([dep, spec]) => [dep, spec?.condition ?? "service_started"]));
}

const buildOf = (name: string) => {
  const build = service(name).build;
  return typeof build === "string" ? { context: build } : (build ?? {});
};

/** Dockerfile stages by name, each with its own lines. */
const stages = new Map<string, string>();
for (const match of dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)\s*\n([\s\S]*?)(?=^FROM\s|(?![\s\S]))/gim)) {
  stages.set(match[1]!.toLowerCase(), match[2]!);
}

function stageCmd(stage: string): string[] {
  const body = stages.get(stage) ?? "";
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(body);
  if (!cmd) throw new Error(`Dockerfile stage ${stage} has no exec-form CMD`);
  return JSON.parse(cmd[1]!) as string[];
}

const seconds = (duration: string) => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(duration);
  if (!match) throw new Error(`Unsupported duration ${duration}`);
  const value = Number(match[1]);
  return match[2] === "ms" ? value / 1000 : match[2] === "m" ? value * 60 : value;
};

describe("docker-compose.yml", () => {
  it("defines every service of the stack", () => {
    for (const name of ["clickhouse", "kafka", "redis", "migrate", ...APP_NAMES]) {
      expect(services, name).toHaveProperty(name);
    }
  });

  it("sets only variables the config schema reads, with values it accepts", () => {
    const shared = compose["x-app-env"] as Record<string, unknown> | undefined;
    expect(shared, "x-app-env anchor").toBeTypeOf("object");
    for (const key of Object.keys(shared ?? {})) expect(schemaKeys, `x-app-env: ${key}`).toContain(key);

    for (const name of IMAGE_SERVICES) {
      const vars = env(name);
      for (const key of Object.keys(vars)) expect(schemaKeys, `${name}: ${key}`).toContain(key);
      const parsed = envSchema.safeParse(vars);
      expect(parsed.error?.issues ?? [], name).toEqual([]);
    }
  });

  it("makes each app listen on all interfaces, on its schema-default port", () => {
    for (const app of APP_NAMES) {
      const vars = env(app);
      expect(vars["HOST"], app).toBe("0.0.0.0");
      expect(Number(vars[APPS[app]]), `${app} ${APPS[app]}`).toBe(defaults[APPS[app]]);
    }
  });

  it("publishes ingest and query on the ports they listen on", () => {
    for (const app of ["ingest", "query"] as const) {
      const port = Number(env(app)[APPS[app]]);
      expect(publishedPorts(app), app).toEqual([[port, port]]);
    }
    // The consumer serves health only; if it is published, it is on its own port.
    for (const [host, container] of publishedPorts("consumer")) {
      expect([host, container]).toEqual([defaults.CONSUMER_PORT, defaults.CONSUMER_PORT]);
    }
    const hostPorts = Object.keys(services).flatMap((name) => publishedPorts(name).map(([host]) => host));
    expect(new Set(hostPorts).size, "host ports published twice").toBe(hostPorts.length);
  });

  it("health-checks each app on its own port's /readyz with node, which the slim image has", () => {
    for (const app of APP_NAMES) {
      const command = healthcheckCommand(app);
      const target = /https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/[^'"`\s]*)/.exec(command);
      expect(target, `${app} healthcheck URL`).not.toBeNull();
      expect(Number(target![1]), `${app} healthcheck port`).toBe(Number(env(app)[APPS[app]]));
      expect(target![2], `${app} healthcheck path`).toBe("/readyz");
      expect(command, app).toMatch(/^CMD node -e /);
    }
  });

  it("starts each app after what its main.ts connects to is healthy, and after migrations", () => {
    const needs: Record<string, string[]> = {
      "@pulse/clickhouse": ["clickhouse", "migrate"],
      "@pulse/kafka": ["kafka"],
      "@pulse/redis": ["redis"],
    };
    for (const app of APP_NAMES) {
      const source = read(`apps/${app}/src/main.ts`);
      const expected = Object.entries(needs)
        .filter(([module]) => source.includes(`from "${module}"`))
        .flatMap(([, deps]) => deps);
      expect(expected.length, `${app} imports no client package`).toBeGreaterThan(0);
      const actual = dependsOn(app);
      for (const dep of expected) {
        expect(actual[dep], `${app} -> ${dep}`).toBe(dep === "migrate" ? "service_completed_successfully" : "service_healthy");
      }
    }
    expect(dependsOn("migrate")).toEqual({ clickhouse: "service_healthy" });
  });

  it("gives every service that others wait on as healthy a healthcheck", () => {
    for (const name of Object.keys(services)) {
      for (const [dep, condition] of Object.entries(dependsOn(name))) {
        expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
        if (condition === "service_healthy") expect(healthcheckCommand(dep), `${dep} healthcheck`).not.toBe("");
        if (condition === "service_completed_successfully") expect(service(dep).restart, `${dep} restart`).toBe("no");
      }
    }
  });

  it("restarts the apps, and lets them shut down before Docker kills them", () => {
    for (const app of APP_NAMES) {
      expect(service(app).restart, app).toBe("unless-stopped");
      const grace = seconds(service(app).stop_grace_period ?? "10s");
      const shutdown = Number(env(app)["SHUTDOWN_TIMEOUT_MS"] ?? defaults.SHUTDOWN_TIMEOUT_MS) / 1000;
      expect(grace, `${app} stop_grace_period`).toBeGreaterThan(shutdown);
    }
  });

  it("points the apps at the ClickHouse service, on its HTTP port, with its credentials", () => {
    const clickhouseEnv = env("clickhouse");
    for (const name of IMAGE_SERVICES) {
      const vars = env(name);
      const url = new URL(vars["CLICKHOUSE_URL"] ?? "");
      expect(url.protocol, name).toBe("http:");
      expect(url.hostname, name).toBe("clickhouse");
      expect(exposed("clickhouse"), name).toContain(Number(url.port));
      expect(healthcheckCommand("clickhouse")).toContain(`:${url.port}/ping`);
      expect(vars["CLICKHOUSE_USER"], name).toBe(clickhouseEnv["CLICKHOUSE_USER"] ?? "default");
      expect(vars["CLICKHOUSE_PASSWORD"] ?? "", name).toBe(clickhouseEnv["CLICKHOUSE_PASSWORD"] ?? "");
    }
  });

  it("points the apps at the Kafka broker's advertised listener", () => {
    const kafkaEnv = env("kafka");
    const advertised = (kafkaEnv["KAFKA_ADVERTISED_LISTENERS"] ?? "").split(",").map((l) => l.trim());
    const listeners = kafkaEnv["KAFKA_LISTENERS"] ?? "";
    for (const name of IMAGE_SERVICES) {
      const brokers = (env(name)["KAFKA_BROKERS"] ?? "").split(",").map((b) => b.trim());
      for (const broker of brokers) {
        const [host, port] = broker.split(":");
        expect(host, name).toBe("kafka");
        expect(advertised, name).toContain(`PLAINTEXT://${broker}`);
        expect(listeners, name).toMatch(new RegExp(`PLAINTEXT://[^,]*:${port}(,|$)`));
        expect(exposed("kafka"), name).toContain(Number(port));
      }
    }
    expect(healthcheckCommand("kafka")).toContain("/opt/kafka/bin/kafka-broker-api-versions.sh");
  });

  it("configures Kafka as one KRaft node that never creates topics on its own", () => {
    const kafkaEnv = env("kafka");
    expect(kafkaEnv["KAFKA_PROCESS_ROLES"]).toBe("broker,controller");
    const nodeId = kafkaEnv["KAFKA_NODE_ID"];
    expect(kafkaEnv["KAFKA_CONTROLLER_QUORUM_VOTERS"]).toMatch(new RegExp(`^${nodeId}@[^:,]+:\\d+$`));
    const controllerPort = kafkaEnv["KAFKA_CONTROLLER_QUORUM_VOTERS"]!.split(":").at(-1);
    expect(kafkaEnv["KAFKA_LISTENERS"]).toMatch(new RegExp(`CONTROLLER://[^,]*:${controllerPort}(,|$)`));
    expect(kafkaEnv["KAFKA_CONTROLLER_LISTENER_NAMES"]).toBe("CONTROLLER");
    expect(kafkaEnv["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"]).toContain("CONTROLLER:PLAINTEXT");
    expect(kafkaEnv["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]).toBe("false");
    expect(kafkaEnv["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]).toBe("1");
    expect(kafkaEnv["KAFKA_HEAP_OPTS"]).toMatch(/-Xmx\d+[mg]/);
    // The apps create topics with KAFKA_REPLICATION_FACTOR; one broker holds one replica.
    expect(defaults.KAFKA_REPLICATION_FACTOR).toBe(1);
  });

  it("points the apps at the Redis service's port", () => {
    for (const name of IMAGE_SERVICES) {
      const url = new URL(env(name)["REDIS_URL"] ?? "");
      expect(url.hostname, name).toBe("redis");
      expect(exposed("redis"), name).toContain(Number(url.port || 6379));
      expect(healthcheckCommand("redis")).toContain("ping");
    }
  });

  it("keeps data in declared named volumes", () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, path] of [
      ["clickhouse", "/var/lib/clickhouse"],
      ["kafka", env("kafka")["KAFKA_LOG_DIRS"]],
      ["redis", "/data"],
    ] as const) {
      const mounts = (service(name).volumes ?? []).map((v) => (typeof v === "string" ? v : `${v.source}:`));
      const named = mounts.find((m) => m.endsWith(`:${path}`) || m.includes(`:${path}:`));
      expect(named, `${name} volume for ${path}`).toBeDefined();
      expect(declared, name).toContain(named!.split(":")[0]);
    }
    expect(service("clickhouse").ulimits?.nofile).toMatchObject({ soft: 262144, hard: 262144 });
  });

  it("runs the Kafka release the local stack pins in infra/kafka/pom.xml", () => {
    const pinned = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(read("infra/kafka/pom.xml"));
    expect(pinned).not.toBeNull();
    expect(service("kafka").image).toBe(`apache/kafka:${pinned![1]}`);
  });

  it("runs the ClickHouse release the local stack gets from chdb", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { version?: string }> };
    const lib = Object.entries(lock.packages).find(([path]) => /node_modules\/@chdb\/lib-linux-[^/]+$/.test(path));
    expect(lib, "@chdb/lib-* in package-lock.json").toBeDefined();
    const [major, minor] = (lib![1].version ?? "").split(".");
    expect(service("clickhouse").image).toMatch(new RegExp(`^clickhouse/clickhouse-server:${major}\\.${minor}(\\.|-|$)`));
  });
});

describe("infra/Dockerfile", () => {
  it("exists at the path compose builds from, with the repository root as context", () => {
    for (const name of IMAGE_SERVICES) {
      const build = buildOf(name);
      expect(resolve(ROOT, build.context ?? "."), name).toBe(ROOT);
      expect(build.dockerfile, name).toBe("infra/Dockerfile");
    }
    expect(existsSync(join(ROOT, "infra/Dockerfile"))).toBe(true);
  });

  it("has every target compose builds, each running its own entry point", () => {
    for (const app of APP_NAMES) {
      const target = buildOf(app).target;
      expect(target, app).toBe(app);
      expect(stages.has(target!), `stage ${target}`).toBe(true);
      expect(stageCmd(target!), app).toEqual(["node", `apps/${app}/dist/main.js`]);
      expect(existsSync(join(ROOT, `apps/${app}/src/main.ts`)), app).toBe(true);
    }
  });

  it("runs the pulse-migrate bin in the migrate target", () => {
    const target = buildOf("migrate").target ?? "";
    expect(stages.has(target), `stage ${target}`).toBe(true);
    const pkg = JSON.parse(read("packages/clickhouse/package.json")) as { bin?: Record<string, string> };
    const bin = pkg.bin?.["pulse-migrate"];
    expect(bin).toBeDefined();
    expect(stageCmd(target)).toEqual(["node", join("packages/clickhouse", bin!)]);
    // The migrations directory pulse-migrate reads must be in the image.
    expect(stages.get("build")).toContain("packages/clickhouse/migrations");
  });

  it("uses node:20-slim, a non-root user, and never installs the infra workspace (chdb)", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-slim$/m);
    expect(stages.get("runtime")).toMatch(/^USER node$/m);
    const installs = dockerfile.split("\n").filter((line) => /\bnpm (ci|install|i)\b/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) {
      // Without --workspace npm installs every workspace, infra's devDependencies included.
      expect(line).toContain("--workspace=");
      expect(line).not.toMatch(/--workspaces\b|infra/);
    }
    expect(stages.get("prod-deps")).toContain("npm install --no-audit --no-fund --omit=dev");
    expect(stages.get("runtime")).toContain("COPY --from=prod-deps");
  });

  it("keeps host node_modules, build output and local stack data out of the build context", () => {
    const ignore = read(".dockerignore").split("\n").map((line) => line.trim());
    for (const pattern of ["**/node_modules", "**/dist", ".data", ".git"]) expect(ignore).toContain(pattern);
  });
});
