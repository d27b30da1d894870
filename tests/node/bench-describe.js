"use strict";
// The Node SDK's side of bench/ (build.ps1 -Task Bench): sequential calls through the official SDK against the emulator.
// Usage: node bench-describe.js calls <count> <warmup> '<request JSON>'
//          <count> sequential DescribeBackupDownloadTask calls after <warmup> unmeasured ones.
//        node bench-describe.js pages <instanceId> <pageSize>
//          every page of an instance's DescribeBackupDownloadTask listing (Offset as a page index, the emulator's default).
// Env: MB_ENDPOINT, MB_SECRET_ID, MB_SECRET_KEY, optional MB_REGION (default ap-guangzhou).
// Prints one JSON line: {"Calls":n,"TotalMs":t,"PerCallMs":t/n,"Items":n,"FirstMs":t}. Keep-alive connections, as the
// SDK has by default on Node 19 and later (its global agent), so the comparison with MongoBackup's HttpClient is fair.
const dns = require("dns");
const http = require("http");
const { mongodb } = require("tencentcloud-sdk-nodejs-mongodb");

function env(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`bench-describe: environment variable ${name} is required\n`);
    process.exit(1);
  }
  return value;
}

function client() {
  const target = new URL(env("MB_ENDPOINT"));
  const agent = new http.Agent({ keepAlive: true, lookup: (_h, o, cb) => dns.lookup(target.hostname, o, cb) });
  return new mongodb.v20190725.Client({
    credential: { secretId: env("MB_SECRET_ID"), secretKey: env("MB_SECRET_KEY") },
    region: process.env.MB_REGION || "ap-guangzhou",
    profile: { httpProfile: { protocol: "http://", endpoint: `mongodb.tencentcloudapi.com:${target.port}`, agent } },
  });
}

async function calls(count, warmup, request) {
  const c = client();
  for (let i = 0; i < warmup; i++) await c.DescribeBackupDownloadTask(request);
  const start = process.hrtime.bigint();
  let items = 0;
  for (let i = 0; i < count; i++) items += (await c.DescribeBackupDownloadTask(request)).Tasks.length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { Calls: count, TotalMs: ms, PerCallMs: ms / count, Items: items };
}

async function pages(instanceId, pageSize) {
  const c = client();
  await c.DescribeBackupDownloadTask({ InstanceId: instanceId, Limit: 1 }); // connection and JIT warm-up
  const start = process.hrtime.bigint();
  let items = 0, callsMade = 0, total = Infinity, first = null;
  for (let page = 0; page * pageSize < total; page++) {
    const answer = await c.DescribeBackupDownloadTask({ InstanceId: instanceId, Offset: page, Limit: pageSize });
    callsMade++;
    total = answer.TotalCount;
    items += answer.Tasks.length;
    if (first === null) first = Number(process.hrtime.bigint() - start) / 1e6;
    if (answer.Tasks.length === 0) break;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { Calls: callsMade, TotalMs: ms, PerCallMs: ms / callsMade, Items: items, FirstMs: first };
}

async function main() {
  const [mode, a, b, c] = process.argv.slice(2);
  const result = mode === "pages" ? await pages(a, Number(b)) : await calls(Number(a), Number(b), JSON.parse(c || "{}"));
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((e) => {
  process.stderr.write(`bench-describe: ${e.message}\n`);
  process.exit(2);
});
