import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
export const WEB_ASSET_PATH = '/web';

/**
 * OWASP's secure headers on every answer (helmet): the pages may not be framed by anyone
 * (CSP frame-ancestors 'none' and X-Frame-Options DENY, so no clickjacking of the
 * dashboard's buttons), load scripts only from this origin (the bundle), and are not
 * sniffed; the referrer leaves only the origin. GraphiQL's editor injects its styles and
 * runs its language worker from a blob, hence those two allowances.
 */
export function secureHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}

/**
 * The bundle's files (`webDir`: the browser pages, bundled from src/web by `npm run build`,
 * web.vite.config.ts): hashed names, so browsers may keep them.
 */
export function webAssetsRouter(webDir: string): Router {
  return express
    .Router()
    .use(express.static(webDir, { immutable: true, maxAge: '365d', index: false }));
}

/** A bundled page: `graphiql` (GraphiQL 5 with the explorer plugin) or `dashboard`. */
export function webPage(webDir: string, name: 'graphiql' | 'dashboard'): RequestHandler {
  const page = join(webDir, name, 'index.html');
  return (_req, res) => {
    if (!existsSync(page)) {
      res.status(503).type('text').send(`The ${name} page is not built: run \`npm run build\`.`);
      return;
    }
    res.sendFile(page, { headers: { 'cache-control': 'no-cache' } });
  };
}
