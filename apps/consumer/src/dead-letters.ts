import type { DeadLetter } from "@pulse/pipeline";
import type { Producer } from "kafkajs";

/** Poison messages (or bad items of a bundle) go to the dead-letter topic with their origin and the reason in headers. */
export function deadLetterSender(producer: Producer, topic: string) {
  return async (letters: DeadLetter[]): Promise<void> => {
    await producer.send({
      topic,
      acks: -1,
      messages: letters.map((letter) => ({
        key: `${letter.topic}/${letter.partition}/${letter.offset}${letter.index === undefined ? "" : `/${letter.index}`}`,
        value: letter.value,
        headers: {
          "x-reason": letter.reason,
          "x-source-topic": letter.topic,
          "x-source-partition": String(letter.partition),
          "x-source-offset": letter.offset,
          ...(letter.index === undefined ? {} : { "x-source-index": String(letter.index) }),
        },
      })),
    });
  };
}
