"use strict";
// Calls one MongoDB API action through the official Node SDK against the local emulator.
// Usage: node sdk-describe.js '<request JSON>' [Action]   (Action defaults to DescribeBackupDownloadTask)
// Env: MB_ENDPOINT (http://127.0.0.1:PORT), MB_SECRET_ID, MB_SECRET_KEY, optional MB_TOKEN,
//      MB_REGION (default ap-guangzhou), MB_SDK_HOST (default mongodb.tencentcloudapi.com).
// Prints the SDK's parsed response as JSON and exits 0; on an SDK error prints
// {"Error":{"Code","Message","RequestId"}} and exits 2; usage errors go to stderr with exit 1.
const { createClient, DEFAULT_SDK_HOST } = require("./lib/emulator-client");

function fail(message) {
  process.stderr.write(`sdk-describe: ${message}\n`);
  process.exit(1);
}

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) fail(`environment variable ${name} is required`);
  return value;
}

function parseRequest(text) {
  try {
    const value = JSON.parse(text === undefined ? "{}" : text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not a JSON object");
    return value;
  } catch (e) {
    return fail(`argv[2] must be the request as a JSON object: ${e.message}`);
  }
}

async function main() {
  const request = parseRequest(process.argv[2]);
  const action = process.argv[3] || "DescribeBackupDownloadTask";
  if (!/^[A-Z][A-Za-z0-9]+$/.test(action)) fail(`invalid action name: ${action}`);
  const client = createClient({
    endpoint: requiredEnv("MB_ENDPOINT"),
    secretId: requiredEnv("MB_SECRET_ID"),
    secretKey: requiredEnv("MB_SECRET_KEY"),
    token: process.env.MB_TOKEN,
    region: process.env.MB_REGION || "ap-guangzhou",
    sdkHost: process.env.MB_SDK_HOST || DEFAULT_SDK_HOST,
  });
  try {
    const call = typeof client[action] === "function" ? client[action](request) : client.request(action, request);
    const response = await call;
    process.stdout.write(JSON.stringify(response) + "\n");
  } catch (e) {
    const error = { Code: e.code ?? null, Message: e.message ?? String(e), RequestId: e.requestId || null };
    process.stdout.write(JSON.stringify({ Error: error }) + "\n");
    process.exitCode = 2;
  }
}

main().catch((e) => fail(e.message));
