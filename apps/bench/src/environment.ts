import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ClickHouseClient, createClickHouse, MIGRATIONS_DIR, migrate, readMigrations } from "@pulse/clickhouse";
import { type Config, loadConfig } from "@pulse/config";
import { createKafka, ensureTopics, type Kafka, pipelineTopics } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { MetadataStore } from "@pulse/metadata";
import { createRedis, type Redis } from "@pulse/redis";
import { pidsMatching } from "./cpu.js";
import { APPS_DIR, Child, freePort, REPO_ROOT, WORKERS_DIR, waitHttpOk, workerResult } from "./processes.js";

export type Log = (line: string) => void;

export interface Site {
  siteId: string;
  domain: string;
  token: string;
}

export interface Service {
  name: string;
  url: string;
  child: Child;
  pid: number | undefined;
  stop: () => Promise<void>;
}

export interface ServiceOptions {
  topic: string;
  dlqTopic: string;
  partitions: number;
  group?: string;
  logLevel?: string;
  /** More variables for the service (they win over the harness's). */
  env?: Record<string, string>;
  /** Every output line of the service, from its first. */
  onLine?: (line: string) => void;
}

/**
 * Everything the scenarios share: the stack (started or reused), a database, Redis prefix and
 * account of this run's own, and the processes started so far. `dispose` stops and removes
 * exactly what this run created.
 */
export class BenchEnvironment {
  readonly config: Config;
  readonly id: string;
  readonly keyPrefix: string;
  readonly workDir: string;
  readonly kafka: Kafka;
  readonly redis: Redis;
  private readonly admin: ClickHouseClient;
  private readonly clients: ClickHouseClient[] = [];
  private readonly databases: string[] = [];
  private readonly topics = new Set<string>();
  private readonly children = new Set<Child>();
  private startedServers: string[] = [];
  private spawned = 0;
  private accountId: string | undefined;
  private store: MetadataStore | undefined;
  database = "";
  client!: ClickHouseClient;

  constructor(
    private readonly log: Log,
    private readonly keep: { stack: boolean; data: boolean },
    /** When set, every process the harness starts writes its whole output to a file here. */
    private readonly logsDir?: string,
  ) {
    this.config = loadConfig(process.env);
    const now = new Date();
    const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
    this.id = `${stamp}_${randomBytes(3).toString("hex")}`;
    this.keyPrefix = `bench:${this.id}:`;
    this.workDir = mkdtempSync(join(tmpdir(), "pulse-bench-"));
    this.kafka = createKafka({ ...this.config, KAFKA_CLIENT_ID: "pulse-bench" }, createLogger("bench", { level: "error" }));
    this.redis = createRedis(this.config, this.keyPrefix);
    this.admin = createClickHouse(this.config, "default");
  }

  /** `node infra/stack.mjs up`: reuses servers that answer, starts the others and remembers which. */
  async startStack(): Promise<void> {
    this.log(`run ${this.id}: its databases, topics and Redis keys carry this id`);
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, "infra/stack.mjs"), "up"], { stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      child.stdout.on("data", (c) => (text += c));
      child.stderr.on("data", (c) => (text += c));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`stack up exited ${code}:\n${text}`))));
    });
    for (const line of output.trim().split("\n")) this.log(`  ${line}`);
    this.startedServers = [...output.matchAll(/^(\w+): starting at /gm)].map((m) => m[1]!);
  }

  /** The main database of this run (migrated) and the account its sites belong to. */
  async prepare(): Promise<void> {
    this.database = await this.createDatabase("main");
    this.client = this.clientFor(this.database);
    this.store = new MetadataStore({ clickhouse: this.client, redis: this.redis, keyPrefix: this.keyPrefix });
    const account = await this.store.createAccount({ name: `bench ${this.id}` });
    this.accountId = account.id;
  }

  /** A fresh database with every migration applied, dropped by dispose(). */
  async createDatabase(label: string): Promise<string> {
    const database = `bench_${this.id}_${label}`;
    this.databases.push(database);
    const client = this.clientFor(database);
    await migrate(this.admin, client, database, await readMigrations(MIGRATIONS_DIR));
    return database;
  }

  /** A client of `database`; `requestTimeoutMs` for statements longer than the configured timeout allows. */
  clientFor(database: string, requestTimeoutMs = this.config.CLICKHOUSE_REQUEST_TIMEOUT_MS): ClickHouseClient {
    const client = createClickHouse({ ...this.config, CLICKHOUSE_REQUEST_TIMEOUT_MS: requestTimeoutMs }, database);
    this.clients.push(client);
    return client;
  }

  /** A site with a write key, in this run's account. Create sites before starting the services that use them. */
  async createSite(label: string): Promise<Site> {
    if (!this.store || !this.accountId) throw new Error("prepare() first");
    const domain = `${label}.${this.id.replace(/_/g, "-")}.bench.example.com`;
    const site = await this.store.createSite({ account_id: this.accountId, domain, alternative_domains: [`www.${domain}`] });
    const { token } = await this.store.createApiKey({
      account_id: this.accountId,
      site_id: site.id,
      scopes: ["hit", "event", "session"],
    });
    return { siteId: site.id, domain, token };
  }

  /** A statistics key for a site createSite made (its own key only writes). */
  async createReadKey(siteId: string): Promise<string> {
    if (!this.store || !this.accountId) throw new Error("prepare() first");
    const { token } = await this.store.createApiKey({
      account_id: this.accountId,
      site_id: siteId,
      scopes: ["statistics:read"],
      rate_limit_per_minute: 1_000_000,
    });
    return token;
  }

  /**
   * An account, a site and a statistics key (no rate limit to speak of) in `database`, a database
   * of this run's own, for a query service that reads it. Create it before starting that service.
   */
  async createReadableSite(database: string, label: string): Promise<Site> {
    const store = new MetadataStore({ clickhouse: this.clientFor(database), redis: this.redis, keyPrefix: this.keyPrefix });
    const account = await store.createAccount({ name: `bench ${this.id} ${label}` });
    const domain = `${label}.${this.id.replace(/_/g, "-")}.bench.example.com`;
    const site = await store.createSite({ account_id: account.id, domain });
    const { token } = await store.createApiKey({
      account_id: account.id,
      site_id: site.id,
      scopes: ["statistics:read"],
      rate_limit_per_minute: 1_000_000,
    });
    return { siteId: site.id, domain, token };
  }

  /** Drops one of this run's databases now (dispose would at the end), unless the data is to be kept. */
  async dropDatabase(database: string): Promise<void> {
    if (this.keep.data || !this.databases.includes(database)) return;
    await this.admin.command({ query: "DROP DATABASE IF EXISTS {db:Identifier}", query_params: { db: database } });
    this.databases.splice(this.databases.indexOf(database), 1);
  }

  topicName(label: string): string {
    return `bench.${this.id}.${label}`;
  }

  /** Creates a hits topic (and its dead-letter topic) the way the services would; deleted by dispose(). */
  async createTopics(topic: string, dlqTopic: string, partitions: number): Promise<void> {
    this.topics.add(topic);
    this.topics.add(dlqTopic);
    await ensureTopics(
      this.kafka,
      pipelineTopics({ ...this.config, KAFKA_HITS_TOPIC: topic, KAFKA_DLQ_TOPIC: dlqTopic, KAFKA_HITS_PARTITIONS: partitions }),
    );
  }

  async deleteTopics(...topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics, timeout: 30_000 });
      for (const t of topics) this.topics.delete(t);
    } finally {
      await admin.disconnect();
    }
  }

  /** Writes lines to a file in the run's work folder; returns its path. */
  writeWorkFile(name: string, lines: string[]): string {
    const path = join(this.workDir, name);
    writeFileSync(path, `${lines.join("\n")}\n`);
    return path;
  }

  private serviceEnv(options: ServiceOptions, ports: { ingest: number; consumer: number }): NodeJS.ProcessEnv {
    return {
      ...process.env,
      CLICKHOUSE_DATABASE: this.database,
      KAFKA_HITS_TOPIC: options.topic,
      KAFKA_DLQ_TOPIC: options.dlqTopic,
      KAFKA_HITS_PARTITIONS: String(options.partitions),
      KAFKA_CONSUMER_GROUP: options.group ?? `bench-${this.id}-${options.topic}`,
      REDIS_KEY_PREFIX: this.keyPrefix,
      INGEST_PORT: String(ports.ingest),
      CONSUMER_PORT: String(ports.consumer),
      HOST: "127.0.0.1",
      LOG_LEVEL: options.logLevel ?? "info",
      ...options.env,
    };
  }

  /** Starts apps/<name>/dist/main.js on a port of its own and waits until /readyz answers 200. */
  async startService(name: "ingest" | "consumer", options: ServiceOptions): Promise<Service> {
    const port = await freePort();
    return this.launch(name, port, this.serviceEnv(options, { ingest: port, consumer: port }), options.onLine);
  }

  /**
   * Starts apps/query reading `database` (its statistics and its keys), with this run's Redis
   * prefix so it sees the realtime counters the harness writes. `env` wins over the harness's variables.
   */
  async startQueryService(database: string, env: Record<string, string> = {}): Promise<Service> {
    const port = await freePort();
    const variables: NodeJS.ProcessEnv = {
      ...process.env,
      CLICKHOUSE_DATABASE: database,
      REDIS_KEY_PREFIX: this.keyPrefix,
      QUERY_PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...env,
    };
    return this.launch("query", port, variables);
  }

  private async launch(name: string, port: number, env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Promise<Service> {
    const child = this.spawn(name, process.execPath, [join(APPS_DIR, name, "dist/main.js")], env);
    if (onLine) child.onLine(onLine);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitHttpOk(`${url}/readyz`, child, 90_000);
    } catch (error) {
      await this.stopChild(child);
      throw error;
    }
    return { name, url, child, pid: child.pid, stop: () => this.stopChild(child) };
  }

  /** Starts a process the harness owns: dispose() stops it if the scenario did not. */
  spawn(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
    let logPath: string | undefined;
    if (this.logsDir) {
      mkdirSync(this.logsDir, { recursive: true });
      logPath = join(this.logsDir, `${String(++this.spawned).padStart(2, "0")}-${name}.log`);
    }
    const child = new Child(name, command, args, env, logPath);
    this.children.add(child);
    return child;
  }

  /** Runs dist/workers/<name>.js as its own process with a JSON config; resolves with its result. */
  async runWorker<T>(name: string, config: unknown): Promise<T> {
    const child = this.spawn(name, process.execPath, [`${WORKERS_DIR}${name}.js`], {
      ...process.env,
      BENCH_WORKER_CONFIG: JSON.stringify(config),
    });
    try {
      return await workerResult<T>(child);
    } finally {
      this.children.delete(child);
    }
  }

  async stopChild(child: Child): Promise<void> {
    await child.stop();
    this.children.delete(child);
  }

  /** Pids of the stack's servers (for CPU accounting), found by their command lines. */
  stackPids(): { clickhouse?: number; kafka?: number; redis?: number } {
    const chPort = new URL(this.config.CLICKHOUSE_URL).port || "8123";
    const redisPort = new URL(this.config.REDIS_URL).port || "6379";
    const [clickhouse] = pidsMatching(`--http_port=${chPort}`);
    const [kafka] = pidsMatching("kafka.Kafka");
    const [redis] = pidsMatching("redis-server", `:${redisPort}`);
    const pids: { clickhouse?: number; kafka?: number; redis?: number } = {};
    if (clickhouse) pids.clickhouse = clickhouse;
    if (kafka) pids.kafka = kafka;
    if (redis) pids.redis = redis;
    return pids;
  }

  /** Stops what this run started and removes what it created (topics, databases, Redis keys, temp files). */
  async dispose(): Promise<void> {
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        this.log(`cleanup: ${what} failed: ${(error as Error).message}`);
      }
    };
    await Promise.all([...this.children].map((c) => attempt(`stopping ${c.name}`, () => this.stopChild(c))));
    if (!this.keep.data) {
      if (this.topics.size > 0) await attempt("deleting topics", () => this.deleteTopics(...this.topics));
      for (const db of this.databases) {
        await attempt(`dropping ${db}`, () =>
          this.admin.command({ query: "DROP DATABASE IF EXISTS {db:Identifier}", query_params: { db } }),
        );
      }
      await attempt("deleting Redis keys", () => this.deleteRedisKeys());
    }
    this.redis.disconnect();
    await Promise.all([this.admin, ...this.clients].map((c) => c.close().catch(() => {})));
    rmSync(this.workDir, { recursive: true, force: true });
    if (this.startedServers.length > 0 && !this.keep.stack) {
      await attempt("stopping the stack servers this run started", () => this.stackDown(this.startedServers));
    }
  }

  private async deleteRedisKeys(): Promise<void> {
    const raw = createRedis(this.config, "");
    try {
      let cursor = "0";
      do {
        const [next, keys] = await raw.scan(cursor, "MATCH", `${this.keyPrefix}*`, "COUNT", 1000);
        cursor = next;
        if (keys.length > 0) await raw.del(...keys);
      } while (cursor !== "0");
    } finally {
      raw.disconnect();
    }
  }

  private stackDown(servers: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, "infra/stack.mjs"), "down", ...servers], { stdio: "inherit" });
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`stack down exited ${code}`))));
    });
  }
}
