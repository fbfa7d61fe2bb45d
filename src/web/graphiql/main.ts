import { createElement, useCallback, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { DEFAULT_HEADERS, EXAMPLE_TABS } from './examples.js';

/** The page is served at the GraphQL endpoint itself. */
const httpUrl = `${location.origin}${location.pathname}`;
const wsUrl = httpUrl.replace(/^http/, 'ws');
/** Typing a key fires an edit per keystroke; the schema is refetched once it settles. */
const HEADER_SETTLE_MS = 400;

/** The Authorization of a Headers tab's text, or undefined while it is not valid JSON. */
function settledAuthorization(text: string): string | undefined {
  const errors: ParseError[] = [];
  const headers: unknown = parseJsonc(text, errors);
  return errors.length === 0 ? authorizationOf(headers) : undefined;
}

function authorizationOf(headers: unknown): string {
  if (typeof headers !== 'object' || headers === null) return '';
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : '';
}

/**
 * HTTP requests carry the Headers tab as it is. The WebSocket carries its Authorization in
 * connection_init, so a different key closes the socket and opens one with the new key.
 */
let transport: { authorization: string; fetcher: Fetcher; dispose: () => void } | undefined;
function transportFor(authorization: string) {
  if (transport?.authorization !== authorization) {
    transport?.dispose();
    const wsClient = createClient({ url: wsUrl, lazy: true, connectionParams: { authorization } });
    const fetcher = createGraphiQLFetcher({ url: httpUrl, wsClient });
    transport = { authorization, fetcher, dispose: () => void wsClient.dispose() };
  }
  return transport;
}

/**
 * The key last entered in any tab's headers. Tabs keep their own headers, so a tab without
 * an Authorization header uses this one: a key is pasted once, not once per tab. It is kept
 * where GraphiQL keeps the headers themselves (shouldPersistHeaders).
 */
const ENTERED_KEY_STORAGE = 'ticket-gateway:authorization';
let enteredAuthorization = localStorage.getItem(ENTERED_KEY_STORAGE) ?? '';

/** The Authorization the docs were last fetched with. */
let introspectedWith: string | undefined;

/** The one place that says which key the page sends (or why it stopped sending one). */
function showKeyStatus(refused = false) {
  const status = document.getElementById('key-status');
  if (status === null) return;
  status.classList.toggle('refused', refused);
  if (enteredAuthorization === '') {
    status.textContent = refused
      ? 'The saved key was refused (unknown or revoked): the docs are shown without it. Paste a new key into a Headers pane.'
      : 'No key yet: the docs work without one. To run operations, paste "Authorization": "Bearer <key>" into any tab\'s Headers pane once.';
    return;
  }
  status.textContent = `Key in use: ${enteredAuthorization.slice(0, 11)}…${enteredAuthorization.slice(-4)}, sent by every tab and subscription (a tab's own Authorization header wins).`;
  const forget = document.createElement('button');
  forget.textContent = 'Forget it';
  forget.onclick = () => {
    forgetKey();
    location.reload();
  };
  status.append(forget);
}

function forgetKey() {
  enteredAuthorization = '';
  localStorage.removeItem(ENTERED_KEY_STORAGE);
}

const refusedKey = (result: unknown) =>
  (result as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors?.some(
    (error) => error.extensions?.code === 'UNAUTHENTICATED',
  ) === true;

/**
 * A new fetcher function makes GraphiQL introspect again. When the remembered key is
 * refused (a restart with another key, a revocation), the docs are fetched without it and
 * the page says so, instead of "Error fetching schema".
 */
const newFetcher = (): Fetcher => async (params, options) => {
  const authorization = authorizationOf(options?.headers) || enteredAuthorization;
  const headers = authorization ? { ...options?.headers, Authorization: authorization } : {};
  if (params.operationName !== 'IntrospectionQuery')
    return transportFor(authorization).fetcher(params, { ...options, headers });
  introspectedWith = authorization;
  const result = await transportFor(authorization).fetcher(params, { ...options, headers });
  if (authorization === '' || !refusedKey(result)) return result;
  forgetKey();
  showKeyStatus(true);
  introspectedWith = '';
  return transportFor('').fetcher(params, { ...options, headers: {} });
};

function App() {
  const [fetcher, setFetcher] = useState(newFetcher);
  const settle = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Once an edited Authorization header settles, it is remembered and the docs are refetched.
  const onEditHeaders = useCallback((text: string) => {
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      const authorization = settledAuthorization(text);
      if (!authorization || authorization === introspectedWith) return;
      enteredAuthorization = authorization;
      localStorage.setItem(ENTERED_KEY_STORAGE, authorization);
      showKeyStatus();
      setFetcher(newFetcher);
    }, HEADER_SETTLE_MS);
  }, []);
  const plugins = useMemo(() => [HISTORY_PLUGIN, explorerPlugin()], []);
  return createElement(GraphiQL, {
    fetcher,
    plugins,
    // Each tab holds the headers it starts with: GraphiQL restores the tab whose contents
    // match the editors' last saved ones, and adds a blank tab when none does.
    defaultTabs: EXAMPLE_TABS.map((tab) => ({ ...tab, headers: DEFAULT_HEADERS })),
    defaultHeaders: DEFAULT_HEADERS,
    defaultEditorToolsVisibility: 'headers',
    // A first visit opens on the docs (the title of GraphiQL's built-in docs plugin).
    visiblePlugin: 'Documentation Explorer',
    shouldPersistHeaders: true,
    schemaDescription: true,
    onEditHeaders,
  });
}

showKeyStatus();
const root = document.getElementById('graphiql');
if (root !== null) createRoot(root).render(createElement(App));
