// The stack runs before dependencies are built, so it reads the same variables as @pulse/config
// with Node built-ins only. infra/env.test.ts checks that the defaults here match the schema's.
export const STACK_DEFAULTS = {
  CLICKHOUSE_URL: "http://127.0.0.1:8123",
  KAFKA_BROKERS: "127.0.0.1:9092",
  REDIS_URL: "redis://127.0.0.1:6379",
};

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function hostPort(text, defaultPort) {
  const url = new URL(text.includes("://") ? text : `tcp://${text}`);
  return { host: url.hostname, port: Number(url.port || defaultPort) };
}

/** Where each server is expected, and whether this machine may start it (only on loopback). */
export function stackAddresses(env = process.env) {
  const value = (name) => (env[name] ? env[name] : STACK_DEFAULTS[name]);
  const clickhouse = hostPort(value("CLICKHOUSE_URL"), 8123);
  const kafka = hostPort(value("KAFKA_BROKERS").split(",")[0].trim(), 9092);
  const redis = hostPort(value("REDIS_URL"), 6379);
  const local = (a) => ({ ...a, local: LOCAL_HOSTS.has(a.host) });
  return { clickhouse: local(clickhouse), kafka: local(kafka), redis: local(redis) };
}
