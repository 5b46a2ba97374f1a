// A webhook receiver for tests, bound to 127.0.0.1 only. Every request is checked with the Standard Webhooks
// reference verifier (the npm package `standardwebhooks`, pinned in package.json), never with the sender's code,
// against each configured secret; it is recorded with its raw body and answered as scripted for its path.
//
// Control API (JSON):
//   PUT  /_control/secrets  {"secrets": ["whsec_...", ...]}             secrets to verify with, replacing the old ones
//   PUT  /_control/script   {"path": "/hook", "replies": [{"status": 500, "headers": {"Retry-After": "7"}, "delay_ms": 0, "body": ""}]}
//                           replies are used in order; the last one repeats; an unscripted path answers 200
//   GET  /_control/records[?path=/hook]                                  every request received, oldest first
//   POST /_control/reset                                                 forgets secrets, scripts and records
import http from "node:http";
import { Webhook } from "standardwebhooks";

const port = Number.parseInt(process.argv[2] ?? process.env.WEBHOOK_RECEIVER_PORT ?? "", 10);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node webhook-receiver.mjs PORT (or WEBHOOK_RECEIVER_PORT)");
  process.exit(2);
}

const controlPrefix = "/_control/";
let secrets = [];
let scripts = new Map();
let records = [];

function verifications(body, headers) {
  return secrets.map((secret, index) => {
    try {
      new Webhook(secret).verify(body, headers, { jsonParse: false });
      return { secret_index: index, ok: true, error: null };
    } catch (e) {
      return { secret_index: index, ok: false, error: e.message };
    }
  });
}

function nextReply(path) {
  const queue = scripts.get(path);
  if (!queue || queue.length === 0) {
    return { status: 200, headers: {}, delay_ms: 0, body: "" };
  }

  return queue.length > 1 ? queue.shift() : queue[0];
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function sendJson(response, status, value) {
  const text = value === undefined ? "" : JSON.stringify(value);
  response.writeHead(status, { "content-type": "application/json" });
  response.end(text);
}

function control(request, url, body) {
  const route = `${request.method} ${url.pathname.slice(controlPrefix.length - 1)}`;
  switch (route) {
    case "PUT /secrets":
      secrets = [...JSON.parse(body.toString("utf8")).secrets];
      return [204];
    case "PUT /script": {
      const { path, replies } = JSON.parse(body.toString("utf8"));
      scripts.set(path, replies.map((r) => ({ status: r.status, headers: r.headers ?? {}, delay_ms: r.delay_ms ?? 0, body: r.body ?? "" })));
      return [204];
    }
    case "GET /records": {
      const path = url.searchParams.get("path");
      return [200, path === null ? records : records.filter((r) => r.path === path)];
    }
    case "POST /reset":
      secrets = [];
      scripts = new Map();
      records = [];
      return [204];
    default:
      return [404, { error: `no control route ${route}` }];
  }
}

async function receive(request, response, url, body) {
  const receivedAt = new Date().toISOString();
  const reply = nextReply(url.pathname);
  records.push({
    path: url.pathname,
    method: request.method,
    headers: request.headers,
    body: body.toString("utf8"),
    body_base64: body.toString("base64"),
    received_at: receivedAt,
    verifications: verifications(body, request.headers),
    replied_status: reply.status,
  });
  if (reply.delay_ms > 0) {
    await new Promise((resolve) => setTimeout(resolve, reply.delay_ms));
  }

  response.writeHead(reply.status, reply.headers);
  response.end(reply.body);
}

const server = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url, "http://127.0.0.1");
    const body = await readBody(request);
    if (url.pathname.startsWith(controlPrefix)) {
      const [status, value] = control(request, url, body);
      sendJson(response, status, value);
    } else {
      await receive(request, response, url, body);
    }
  } catch (e) {
    if (!response.headersSent) {
      sendJson(response, 400, { error: e.message });
    }
  }
});

server.listen(port, "127.0.0.1", () => console.log(`webhook receiver listening on http://127.0.0.1:${port}`));
