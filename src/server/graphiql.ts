import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** GraphiQL's browser files, served from node_modules: no CDN, works offline. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': {
    file: join(packageDir('react'), 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  'react-dom.js': {
    file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphql-ws.js': {
    file: join(packageDir('graphql-ws'), 'umd/graphql-ws.min.js'),
    type: 'text/javascript',
  },
  'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

export const GRAPHIQL_ASSET_PATH = '/graphiql';

const DEFAULT_QUERY = `# Put your API key in the Headers tab below:
#   { "Authorization": "Bearer <your key>" }
# The same key authenticates subscriptions.
{
  viewer {
    keyName
    isAdmin
    tenantId
  }
  health {
    status
    dependencies { name status latencyMs detail }
  }
}
`;

/**
 * The page: GraphiQL over HTTP, and over graphql-ws for subscriptions. The socket's
 * connection_init carries the Authorization header of GraphiQL's Headers tab.
 */
export function graphiqlPage(graphqlPath: string): string {
  const asset = (name: string) => `${GRAPHIQL_ASSET_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>ticket-gateway GraphiQL</title>
  <link rel="stylesheet" href="${asset('graphiql.css')}" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${asset('react.js')}"></script>
  <script src="${asset('react-dom.js')}"></script>
  <script src="${asset('graphql-ws.js')}"></script>
  <script src="${asset('graphiql.js')}"></script>
  <script>
    const url = new URL(${JSON.stringify(graphqlPath)}, location.href).href;
    // The Authorization header of the Headers tab also authenticates the WebSocket (in
    // connection_init); a changed key opens a new socket.
    const fetchers = new Map();
    function fetcher(params, options) {
      const headers = (options && options.headers) || {};
      const authorization = headers.Authorization || headers.authorization || '';
      if (!fetchers.has(authorization)) {
        const wsClient = graphqlWs.createClient({
          url: url.replace(/^http/, 'ws'),
          lazy: true,
          connectionParams: { authorization },
        });
        fetchers.set(authorization, GraphiQL.createFetcher({ url, wsClient }));
      }
      return fetchers.get(authorization)(params, options);
    }
    const query = new URLSearchParams(location.search).get('query');
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
        query: query || undefined,
        shouldPersistHeaders: true,
        defaultHeaders: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2),
      }),
    );
  </script>
</body>
</html>`;
}

export function graphiqlAssetsRouter(): Router {
  const router = express.Router();
  router.get('/:name', (req, res) => {
    const asset = ASSETS[req.params.name];
    if (asset === undefined) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.type(asset.type).sendFile(asset.file, { maxAge: '1h' });
  });
  return router;
}
