"use strict";
// Produces tests/MongoBackup.Tests/Vectors/sign3-vectors.json with the official SDK's own sign3.
// Usage: cd tests/node && npm ci && node generate-sign-vectors.js
const fs = require("fs");
const path = require("path");
const { sign3, sdkSerialize, commonVersion } = require("./lib/sdk-sign");
const { cases } = require("./lib/sign-vector-cases");

const OUTPUT = path.resolve(__dirname, "../MongoBackup.Tests/Vectors/sign3-vectors.json");
const SERVICE = "mongodb";
const VERSION = "2019-07-25";

// Tencent's public worked example: proves sign3 is the algorithm we think it is before trusting it.
function checkPublicExample() {
  const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
  const authorization = sign3({
    url: "https://cvm.tencentcloudapi.com/", payload: Buffer.from(body, "utf8"), timestamp: 1551113065,
    service: "cvm", secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    contentType: "application/json; charset=utf-8",
  });
  const expected = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
  if (!authorization.endsWith(`Signature=${expected}`)) {
    throw new Error("sign3 does not reproduce Tencent's public worked example");
  }
}

function buildVector(c) {
  const payload = sdkSerialize(c.body);
  const common = {
    url: `https://${c.host}/`, timestamp: c.timestamp, service: SERVICE,
    secretId: c.credential.secretId, secretKey: c.credential.secretKey, contentType: c.contentType,
  };
  // The SDK passes the request object; signing the serialized bytes must give the same header,
  // which proves `payload` is exactly what was hashed.
  const fromObject = sign3({ ...common, payload: c.body });
  const fromBytes = sign3({ ...common, payload: Buffer.from(payload, "utf8") });
  if (fromObject !== fromBytes) throw new Error(`${c.name}: payload string differs from what the SDK signs`);
  const match = /, Signature=([0-9a-f]{64})$/.exec(fromObject);
  if (!match) throw new Error(`${c.name}: unexpected Authorization shape`);
  return {
    name: c.name,
    secretId: c.credential.secretId,
    secretKey: c.credential.secretKey,
    token: c.credential.token,
    service: SERVICE,
    host: c.host,
    action: c.action,
    version: VERSION,
    region: c.region,
    timestamp: c.timestamp,
    contentType: c.contentType,
    payload,
    signature: match[1],
    authorization: fromObject,
  };
}

function main() {
  checkPublicExample();
  const vectors = cases.map(buildVector);
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, JSON.stringify(vectors, null, 2) + "\n", "utf8");
  const sizes = vectors.map((v) => `${v.name} (${Buffer.byteLength(v.payload, "utf8")} B)`).join(", ");
  console.log(`wrote ${vectors.length} vectors with tencentcloud-sdk-nodejs-common ${commonVersion}: ${sizes}`);
}

main();
