#!/usr/bin/env node
// Run by `npm start` after migrations: on an empty database, creates a first account and an admin
// key and prints the key once. With any account present it does nothing.
import { createClickHouse } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { MetadataStore } from "@pulse/metadata";
import { createRedis } from "@pulse/redis";

const config = loadConfig();
const clickhouse = createClickHouse(config);
const redis = createRedis(config);
try {
  const store = new MetadataStore({ clickhouse, redis, keyPrefix: config.REDIS_KEY_PREFIX });
  if ((await store.listAccounts()).length === 0) {
    const account = await store.createAccount({ name: "Default" });
    const { token } = await store.createApiKey({ account_id: account.id, name: "first admin key", scopes: ["admin"] });
    console.log(JSON.stringify({ created: true, account_id: account.id, admin_token: token }));
  } else {
    console.log(JSON.stringify({ created: false }));
  }
} finally {
  await clickhouse.close();
  redis.disconnect();
}
