"use strict";
// Thin access to the official SDK's signer and body serializer (tencentcloud-sdk-nodejs-common).
const path = require("path");

const commonDir = path.dirname(require.resolve("tencentcloud-sdk-nodejs-common/package.json"));
const Sign = require(path.join(commonDir, "tencentcloud/common/sign.js")).default;
const { sdkVersion } = require(path.join(commonDir, "tencentcloud/common/sdk_version.js"));
// http_connection.js serializes POST bodies with json-bigint ({ useNativeBigInt: true }); use the same one.
const JSONbig = require(require.resolve("json-bigint", { paths: [commonDir] }))({ useNativeBigInt: true });

// Calls Sign.sign3 exactly as HttpConnection.doRequestWithSign3 does for a non-multipart POST:
// the Content-Type comes from the request headers, the host from the URL (hostname, no port).
function sign3({ url, payload, timestamp, service, secretId, secretKey, contentType }) {
  return Sign.sign3({
    method: "POST", url, payload, timestamp, service, secretId, secretKey,
    multipart: false, headers: { "Content-Type": contentType },
  });
}

module.exports = { sign3, sdkSerialize: (body) => JSONbig.stringify(body), commonVersion: sdkVersion };
