import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@practice/common';
import { EXAMPLES } from './examples';

const ASSETS = '/explorer';

/**
 * Files of npm packages the page loads: nothing comes from a CDN, so the explorer works offline.
 * Found from each package's root, since packages do not export their browser builds as modules.
 */
const asset = (pkg: string, file: string, contentType: string): Page => ({
  contentType,
  body: readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file)),
});

const escapeScript = (json: string): string => json.replace(/</g, '\\u003c');

function page(graphqlPath: string): string {
  const tabs = EXAMPLES.map(({ title, query, variables }) => ({
    query: `# ${title}\n${query.trim()}\n`,
    variables: variables ? JSON.stringify(variables, null, 2) : undefined,
  }));
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>新时代文明实践 · GraphQL explorer</title>
    <link rel="stylesheet" href="${ASSETS}/graphiql.min.css" />
    <style>
      html, body, #explorer { height: 100%; margin: 0; }
    </style>
  </head>
  <body>
    <div id="explorer">Loading the explorer…</div>
    <script src="${ASSETS}/react.production.min.js"></script>
    <script src="${ASSETS}/react-dom.production.min.js"></script>
    <script src="${ASSETS}/graphiql.min.js"></script>
    <script>
      // Examples open as tabs; a bearer token goes in the Headers pane as {"authorization": "Bearer …"}.
      const tabs = ${escapeScript(JSON.stringify(tabs))};
      const fetcher = GraphiQL.createFetcher({ url: new URL(${JSON.stringify(graphqlPath)}, window.location.href).toString() });
      ReactDOM.createRoot(document.getElementById('explorer')).render(
        React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, defaultTabs: tabs, shouldPersistHeaders: true, isHeadersEditorEnabled: true }),
      );
    </script>
  </body>
</html>
`;
}

/**
 * The in-browser explorer (GraphiQL) at the gateway's root, with the example queries as tabs. Served
 * only where introspection is on: it needs the schema, and production switches both off.
 */
export function explorerPages(graphqlPath = '/graphql'): Record<string, Page> {
  return {
    '/': { contentType: 'text/html; charset=utf-8', body: page(graphqlPath) },
    [`${ASSETS}/graphiql.min.css`]: asset('graphiql', 'graphiql.min.css', 'text/css; charset=utf-8'),
    [`${ASSETS}/graphiql.min.js`]: asset('graphiql', 'graphiql.min.js', 'text/javascript; charset=utf-8'),
    [`${ASSETS}/react.production.min.js`]: asset('react', 'umd/react.production.min.js', 'text/javascript; charset=utf-8'),
    [`${ASSETS}/react-dom.production.min.js`]: asset('react-dom', 'umd/react-dom.production.min.js', 'text/javascript; charset=utf-8'),
  };
}
