import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { kafkaAnswers } from "../lib/probes.mjs";
import { ensureDir, DATA, ROOT, TOOLS } from "../lib/paths.mjs";
import { hasCommand, run, startDetached } from "../lib/process.mjs";

const HOME = join(DATA, "kafka");
const LIBS = join(TOOLS, "kafka", "libs");
const POM = join(ROOT, "infra", "kafka", "pom.xml");
const classpath = () => `${LIBS}/*`;
const log4j = `-Dlog4j.configuration=file:${join(ROOT, "infra", "kafka", "log4j.properties")}`;

async function aptInstall(packages) {
  await run("apt-get", ["update", "-qq"]);
  await run("apt-get", ["install", "-y", "-qq", ...packages], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/** Java and Maven from Debian if missing, then the broker's jars from Maven Central, once. */
async function install() {
  const missing = [["java", "openjdk-17-jre-headless"], ["mvn", "maven"]].filter(([cmd]) => !hasCommand(cmd));
  if (missing.length > 0) await aptInstall(missing.map(([, pkg]) => pkg));
  if (existsSync(LIBS) && readdirSync(LIBS).some((f) => f.startsWith("kafka_2.13-"))) return;
  await run("mvn", ["-q", "-B", "-f", POM, "dependency:copy-dependencies", `-DoutputDirectory=${LIBS}`, "-DincludeScope=runtime"]);
}

/**
 * Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. Like Kafka's own
 * generator, never one starting with "-", which the storage tool would read as an option.
 */
function clusterId() {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

function properties({ host, port }, logDirs) {
  return [
    "process.roles=broker,controller",
    "node.id=1",
    `controller.quorum.voters=1@${host}:${port + 1}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${port + 1}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    "controller.listener.names=CONTROLLER",
    "inter.broker.listener.name=PLAINTEXT",
    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    `log.dirs=${logDirs}`,
    // Topics are created by the platform's code with explicit partition counts.
    "auto.create.topics.enable=false",
    "num.partitions=1",
    "offsets.topic.replication.factor=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
    "log.retention.hours=168",
    "",
  ].join("\n");
}

async function start(address) {
  const logDirs = ensureDir(join(HOME, "data"));
  const config = join(HOME, "server.properties");
  writeFileSync(config, properties(address, logDirs));
  // KRaft storage is formatted once; meta.properties marks it.
  if (!existsSync(join(logDirs, "meta.properties"))) {
    await run("java", [log4j, "-cp", classpath(), "kafka.tools.StorageTool", "format", `--cluster-id=${clusterId()}`, "-c", config], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const args = [
    "-Xms256m",
    "-Xmx768m",
    "-XX:+UseG1GC",
    log4j,
    "-cp",
    classpath(),
    "kafka.Kafka",
    config,
  ];
  return startDetached("kafka", "java", args, { marker: config });
}

export const kafka = {
  name: "kafka",
  describe: ({ host, port }) => `${host}:${port}`,
  answers: kafkaAnswers,
  install,
  start,
  startTimeoutMs: 90_000,
};
