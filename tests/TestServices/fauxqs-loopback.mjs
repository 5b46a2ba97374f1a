// Starts the fauxqs SQS emulator bound to 127.0.0.1 only: its own CLI listens on 0.0.0.0,
// and tests here must never open a port beyond loopback.
import { buildApp } from "fauxqs";

const port = Number.parseInt(process.env.FAUXQS_PORT ?? "", 10);
if (!Number.isInteger(port) || port <= 0) {
  console.error("FAUXQS_PORT must be set to a free loopback port");
  process.exit(2);
}

const app = buildApp({ logger: process.env.FAUXQS_LOGGER === "true", host: "127.0.0.1" });
await app.listen({ port, host: "127.0.0.1" });
console.log(`fauxqs listening on http://127.0.0.1:${port}`);
