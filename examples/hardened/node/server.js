// Storefront: serves the shop's front page and a health endpoint.
'use strict';
const http = require('node:http');

const port = Number(process.env.PORT || 3000);

if (process.argv.includes('--healthcheck')) {
  http
    .get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => process.exit(res.statusCode === 200 ? 0 : 1))
    .on('error', () => process.exit(1));
} else {
  http
    .createServer((req, res) => {
      if (req.url === '/healthz') {
        res.writeHead(200).end('ok');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<h1>Acme storefront</h1><p>Orders are served by the orders API.</p>');
    })
    .listen(port, () => console.log(`storefront listening on ${port}`));
}
