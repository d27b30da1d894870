"use strict";
// Fixed inputs for the TC3-HMAC-SHA256 test vectors. Every secret here is a fake example value.

const LONG_TERM = {
  secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
  secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  token: null,
};

const TEMPORARY = {
  secretId: "AKIDTmpQ7vLr2Ws4Tn8Kp3x9mEXAMPLE",
  secretKey: "TmpKey7Rt2Zx8Lm4Np6Vb9qEXAMPLE",
  token: "EXAMPLEsessionToken0123456789abcdefEXAMPLEsessionToken",
};

const GLOBAL_HOST = "mongodb.tencentcloudapi.com";
const SHANGHAI_HOST = "mongodb.ap-shanghai.tencentcloudapi.com";
const JSON_UTF8 = "application/json; charset=utf-8";

// Deterministic instance ids (a small LCG), so the large body is identical on every run.
function instanceIds(count) {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const ids = [];
  let state = 20190725;
  for (let i = 0; i < count; i++) {
    let id = "cmgo-";
    for (let c = 0; c < 8; c++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      id += alphabet[state % alphabet.length];
    }
    ids.push(id);
  }
  return ids;
}

const cases = [
  {
    name: "empty-object-body",
    credential: LONG_TERM, host: GLOBAL_HOST, region: "ap-guangzhou",
    action: "DescribeDBInstances", timestamp: 1700000000, contentType: JSON_UTF8,
    body: {},
  },
  {
    name: "describe-download-task-status-array",
    credential: LONG_TERM, host: GLOBAL_HOST, region: "ap-guangzhou",
    action: "DescribeBackupDownloadTask", timestamp: 1616726857, contentType: JSON_UTF8,
    body: { InstanceId: "cmgo-dygv1rnp", Status: [2] },
  },
  {
    name: "one-second-before-utc-midnight",
    credential: LONG_TERM, host: GLOBAL_HOST, region: "ap-guangzhou",
    action: "DescribeBackupDownloadTask", timestamp: 1735689599, contentType: JSON_UTF8,
    body: { InstanceId: "cmgo-p8vnipr5", Limit: 100, Offset: 0, Status: [2, 3] },
  },
  {
    name: "exactly-utc-midnight",
    credential: LONG_TERM, host: GLOBAL_HOST, region: "ap-guangzhou",
    action: "DescribeBackupDownloadTask", timestamp: 1735689600, contentType: JSON_UTF8,
    body: { InstanceId: "cmgo-p8vnipr5", Limit: 100, Offset: 0, Status: [2, 3] },
  },
  {
    // 2024-12-31 16:30:00 UTC is already 2025-01-01 00:30 in Beijing: the credential date must stay UTC.
    name: "beijing-next-day-utc-same-day",
    credential: LONG_TERM, host: GLOBAL_HOST, region: "ap-guangzhou",
    action: "DescribeDBBackups", timestamp: 1735662600, contentType: JSON_UTF8,
    body: { InstanceId: "cmgo-p8vnipr5", BackupMethod: 0, Limit: 100, Offset: 0 },
  },
  {
    name: "non-ascii-utf8-body",
    credential: LONG_TERM, host: SHANGHAI_HOST, region: "ap-shanghai",
    action: "CreateBackupDBInstance", timestamp: 1735700000, contentType: JSON_UTF8,
    body: { InstanceId: "cmgo-p8vnipr5", BackupMethod: 0, BackupRemark: "每日备份 ✅ café 🚀 数据库" },
  },
  {
    name: "temporary-credentials-with-token",
    credential: TEMPORARY, host: SHANGHAI_HOST, region: "ap-shanghai",
    action: "DescribeBackupDownloadTask", timestamp: 1735701234, contentType: JSON_UTF8,
    body: { InstanceId: "cmgo-p8vnipr5", StartTime: "2024-12-01 00:00:00", EndTime: "2024-12-31 23:59:59", Limit: 20, Offset: 0, OrderBy: "createTime", OrderByType: "asc" },
  },
  {
    name: "large-body-about-20kb",
    credential: LONG_TERM, host: GLOBAL_HOST, region: "ap-guangzhou",
    action: "DescribeDBInstances", timestamp: 1735702345, contentType: JSON_UTF8,
    body: { InstanceIds: instanceIds(1280), Limit: 100, Offset: 0 },
  },
  {
    // What the SDK really sends unless the caller sets a Content-Type header: no charset.
    name: "sdk-default-content-type-application-json",
    credential: LONG_TERM, host: GLOBAL_HOST, region: "ap-guangzhou",
    action: "DescribeBackupDownloadTask", timestamp: 1735703456, contentType: "application/json",
    body: { InstanceId: "cmgo-dygv1rnp", Status: [2] },
  },
];

module.exports = { cases };
