import { connect } from "node:net";

/** Sends `request` over TCP and resolves with the first bytes of the answer (or rejects). */
function exchange(host, port, request, timeoutMs = 1500) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("timeout"));
    }, timeoutMs);
    socket.once("connect", () => socket.write(request));
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks));
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export async function clickhouseAnswers({ host, port }) {
  const response = await fetch(`http://${host}:${port}/ping`, { signal: AbortSignal.timeout(1500) });
  return response.ok && (await response.text()).startsWith("Ok");
}

export async function redisAnswers({ host, port }) {
  const answer = await exchange(host, port, "PING\r\n");
  return answer.toString().startsWith("+PONG");
}

/** A Kafka ApiVersions (key 18, v0) request: the broker answers it once its listener serves clients. */
export async function kafkaAnswers({ host, port }) {
  const clientId = Buffer.from("pulse-probe");
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(42, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  const answer = await exchange(host, port, Buffer.concat([size, body]));
  // size(4) correlation id(4) error code(2)
  return answer.length >= 10 && answer.readInt32BE(4) === 42 && answer.readInt16BE(8) === 0;
}
