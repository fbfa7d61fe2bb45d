import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { projectRoot } from '../infra/system/project-root.js';

/** The browser pages, bundled from src/web by `npm run build` (web.vite.config.ts). */
const WEB_DIST = join(projectRoot(), 'dist', 'web');
export const WEB_ASSET_PATH = '/web';

/** The bundle's files: hashed names, so browsers may keep them. */
export function webAssetsRouter(): Router {
  return express
    .Router()
    .use(express.static(WEB_DIST, { immutable: true, maxAge: '365d', index: false }));
}

/** A bundled page: `graphiql` (GraphiQL 5 with the explorer plugin) or `dashboard`. */
export function webPage(name: 'graphiql' | 'dashboard'): RequestHandler {
  const page = join(WEB_DIST, name, 'index.html');
  return (_req, res) => {
    if (!existsSync(page)) {
      res.status(503).type('text').send(`The ${name} page is not built: run \`npm run build\`.`);
      return;
    }
    res.sendFile(page, { headers: { 'cache-control': 'no-cache' } });
  };
}
