import { Partitioners } from "kafkajs";
import { describe, expect, it } from "vitest";
import { murmur2, partitionOfKey } from "./murmur2.js";

describe("partitionOfKey", () => {
  it("picks the partition kafkajs's default partitioner picks, for keys of every length mod 4", () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    for (const partitions of [1, 6, 7, 64]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [0],
        isr: [0],
      }));
      for (let i = 0; i < 400; i++) {
        const key = `site-${i % 7}:${"abcdefghijklmnopqrstuvwxyzé€"!.slice(0, i % 29)}${i}`;
        const expected = kafkajs({ topic: "t", partitionMetadata, message: { key, value: "" } });
        expect(partitionOfKey(key, partitions), key).toBe(expected);
      }
    }
  });

  it("matches Kafka's published murmur2 values", () => {
    // From the Java client's UtilsTest.testMurmur2.
    const cases: [string, number][] = [
      ["21", -973932308],
      ["foobar", -790332482],
      ["a-little-bit-long-string", -985981536],
      ["a-little-bit-longer-string", -1486304829],
      ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
      ["abc", 479470107],
    ];
    for (const [input, hash] of cases) expect(murmur2(Buffer.from(input))).toBe(hash);
  });
});
