"use strict";
// Builds an official SDK mongodb v20190725 client that talks plain HTTP to a local emulator.
//
// Two facts from tencentcloud-sdk-nodejs-common 4.1.220 (abstract_client.js, http/http_connection.js) shape this:
//  * httpProfile.endpoint is "host[:port]" and httpProfile.protocol "http://" selects plain HTTP;
//  * the credential-scope service is endpoint.split(".")[0], so an endpoint of "127.0.0.1:41234" would be
//    signed as service "127". We therefore keep the real service host name (mongodb.tencentcloudapi.com),
//    add the emulator's port, and give the HTTP agent a DNS lookup that resolves that name to the
//    emulator's address. The request is then signed exactly as for the real service
//    (service "mongodb", signed host without port), while the Host header carries ":<port>".
const dns = require("dns");
const http = require("http");
const { mongodb } = require("tencentcloud-sdk-nodejs-mongodb");

const DEFAULT_SDK_HOST = "mongodb.tencentcloudapi.com";

function emulatorAgent(target) {
  return new http.Agent({
    keepAlive: false,
    lookup: (_hostname, options, callback) => dns.lookup(target.hostname, options, callback),
  });
}

function createClient({ endpoint, secretId, secretKey, token, region, sdkHost = DEFAULT_SDK_HOST }) {
  const target = new URL(endpoint);
  if (target.protocol !== "http:") throw new Error(`MB_ENDPOINT must be an http:// URL, got ${target.protocol}`);
  const port = target.port || "80";
  return new mongodb.v20190725.Client({
    credential: { secretId, secretKey, token: token || undefined },
    region,
    profile: {
      httpProfile: {
        protocol: "http://",
        endpoint: `${sdkHost}:${port}`,
        agent: emulatorAgent(target),
      },
    },
  });
}

module.exports = { createClient, DEFAULT_SDK_HOST };
