import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The physical limit for `bench/http.ts`: a bare `node:http` server, in a process of its own, that
 * answers `/<i>` with the i-th body in the JSON file named on the command line (an array of base64
 * strings) and does nothing else. Prints its address on the first line of stdout.
 */
const bodies = (JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as string[]).map((b) => Buffer.from(b, 'base64'));
const server = createServer((req, res) => {
  const body = bodies[Number((req.url ?? '/').slice(1))] ?? Buffer.alloc(0);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
