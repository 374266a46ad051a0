// Local S3-compatible server for the tests: node server.js <port> <data-dir>
// allowMismatchedSignatures: the SDK signs for its own clock/region; the tests are not about SigV4 (ENVIRONMENT.md).
'use strict';
const S3rver = require('@20minutes/s3rver');

const port = Number(process.argv[2] || 4569);
const directory = process.argv[3];
if (!directory) {
  console.error('usage: node server.js <port> <data-dir>');
  process.exit(64);
}
const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, allowMismatchedSignatures: true });
server.run().then(
  (address) => console.log(`s3rver listening on ${address.address}:${address.port}`),
  (err) => { console.error(`s3rver failed to start: ${err.message}`); process.exit(1); },
);
// A SIGTERM from stop_s3 or a test ends the process at once; data is on disk already.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
