import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/infra/system/project-root.js';

const root = projectRoot();

/** Lints `code` as if it were the file at `filePath`, with the project's own config. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintText(code, {
    filePath: join(root, filePath),
  });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layer boundaries (eslint no-restricted-imports)', () => {
  it('stops the domain from importing infra, schema, or a database, HTTP or GraphQL library', async () => {
    const problems = await restrictedImports(
      'src/domain/tickets/boundary-fixture.ts',
      [
        "import { Types } from 'mongoose';",
        "import ky from 'ky';",
        "import { GraphQLError } from 'graphql';",
        "import { MongoRunStore } from '../../infra/mongo/ingestion-run.repository.js';",
        "import type { Services } from '../../schema/context.js';",
        'export const used = [Types, ky, GraphQLError, MongoRunStore];',
        'export type Used = Services;',
      ].join('\n'),
    );
    expect(problems).toHaveLength(5);
  });

  it('stops resolvers from importing infra or models', async () => {
    const problems = await restrictedImports(
      'src/resolvers/boundary-fixture.resolver.ts',
      [
        "import { MongoAlertOutbox } from '../infra/mongo/alert-outbox.repository.js';",
        "import { Types } from 'mongoose';",
        'export const used = [MongoAlertOutbox, Types];',
      ].join('\n'),
    );
    expect(problems).toHaveLength(2);
  });

  it('stops the schema and the transport from importing adapters, the runtime or a driver', async () => {
    for (const layer of ['schema', 'server']) {
      const problems = await restrictedImports(
        `src/${layer}/boundary-fixture.ts`,
        [
          "import { isDatabaseUnavailable } from '../infra/mongo/database-errors.js';",
          "import type { Runtime } from '../runtime/runtime.js';",
          "import { Types } from 'mongoose';",
          "import { startMockProvider } from '../../mock-external-api/src/server.js';",
          'export const used = [isDatabaseUnavailable, Types, startMockProvider];',
          'export type Used = Runtime;',
        ].join('\n'),
      );
      expect(problems, layer).toHaveLength(4);
    }
    // The resolvers use the schema's building blocks; the schema never imports them back.
    const upward = await restrictedImports(
      'src/schema/boundary-fixture.ts',
      "import { TicketResolver } from '../resolvers/ticket.resolver.js';\nexport const used = TicketResolver;",
    );
    expect(upward).toHaveLength(1);
  });

  it('keeps the mock provider and the embedded engine out of production code', async () => {
    for (const file of ['src/main.ts', 'src/runtime/boundary-fixture.ts']) {
      const problems = await restrictedImports(
        file,
        [
          `import { startMockProvider } from '${file === 'src/main.ts' ? '..' : '../..'}/mock-external-api/src/server.js';`,
          `import { startEmbeddedMongo } from '${file === 'src/main.ts' ? '.' : '..'}/dev/embedded-mongo.js';`,
          'export const used = [startMockProvider, startEmbeddedMongo];',
        ].join('\n'),
      );
      expect(problems, file).toHaveLength(2);
    }
    // npm start's entry may: it is the development stand-in's home.
    expect(
      await restrictedImports(
        'src/demo.ts',
        "import { startEmbeddedMongo } from './dev/embedded-mongo.js';\nexport const used = startEmbeddedMongo;",
      ),
    ).toEqual([]);
  });

  it('keeps classification behind its index, from other layers and from other domain folders', async () => {
    const outside = await restrictedImports(
      'src/infra/classification/boundary-fixture.ts',
      [
        "import { Classifier } from '../../domain/classification/classifier.js';",
        "import { TwoOpinionClassifier } from '../../domain/classification/index.js';",
        'export const used = [Classifier, TwoOpinionClassifier];',
      ].join('\n'),
    );
    expect(outside).toHaveLength(1);
    const sibling = await restrictedImports(
      'src/domain/ingestion/boundary-fixture.ts',
      "import { withCorrection } from '../classification/correction.js';\nexport const used = withCorrection;",
    );
    expect(sibling).toHaveLength(1);
    const inside = await restrictedImports(
      'src/domain/classification/boundary-fixture.ts',
      "import { withCorrection } from './correction.js';\nexport const used = withCorrection;",
    );
    expect(inside).toEqual([]);
  });

  it('lets the domain import the domain and the runtime import anything', async () => {
    expect(
      await restrictedImports(
        'src/domain/ingestion/boundary-fixture.ts',
        "import { Urgency } from '../tickets/ticket.types.js';\nexport const used = Urgency;",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'src/runtime/boundary-fixture.ts',
        "import { Types } from 'mongoose';\nexport const used = Types;",
      ),
    ).toEqual([]);
  });
});

/** Imports among src's production files (relative ones), file to file or, with `folders`, folder to folder. */
function importGraph(under: string, folders: boolean): Map<string, Set<string>> {
  const base = join(root, under);
  const graph = new Map<string, Set<string>>();
  const files = readdirSync(base, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of files) {
    const from = folders ? dirname(file) : file;
    const source = readFileSync(join(base, file), 'utf8');
    for (const [, target] of source.matchAll(/from '(\.[^']+)'/g)) {
      const path = relative(base, resolve(base, dirname(file), target!)).replace(/\.js$/, '.ts');
      const to = folders ? dirname(path) : path;
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** The groups of nodes that import each other, round a cycle (Tarjan's strongly connected components). */
function cyclicGroups(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

describe('imports without cycles', () => {
  it('between the folders of src/domain', () => {
    expect(cyclicGroups(importGraph('src/domain', true))).toEqual([]);
  });

  it('between any two files of src', () => {
    expect(cyclicGroups(importGraph('src', false))).toEqual([]);
  });

  it('the cycle check can fail', () => {
    const graph = new Map([
      ['tickets', new Set(['ingestion'])],
      ['ingestion', new Set(['stats'])],
      ['stats', new Set(['tickets'])],
      ['alerting', new Set(['tickets'])],
    ]);
    expect(cyclicGroups(graph)).toEqual([['ingestion', 'stats', 'tickets']]);
  });
});

/** The layer of a file of the repository: its folder under src/, or the entries beside them. */
function layerOf(path: string): string {
  const [top, second, third] = path.split('/');
  if (top !== 'src') return top!;
  return third === undefined ? 'entries' : second!;
}

/** Layer-to-layer imports of src's production files. */
function layerImports(): Set<string> {
  const edges = new Set<string>();
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of files.map((name) => `src/${name}`)) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const [, target] of source.matchAll(/from '(\.[^']+)'/g)) {
      const [from, to] = [
        layerOf(file),
        layerOf(relative(root, resolve(root, dirname(file), target!))),
      ];
      if (from !== to) edges.add(`${from} -> ${to}`);
    }
  }
  return edges;
}

/** The edges the layer block of docs/architecture.md draws. */
function documentedLayers(markdown: string): Set<string> {
  const block = /## Layers[\s\S]*?```text\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
  const edges = new Set<string>();
  for (const [, from, targets] of block.matchAll(/^(\S+)\s+->\s+(.+)$/gm))
    for (const to of targets!.split(',').map((target) => target.trim()))
      if (!to.startsWith('(')) edges.add(`${from} -> ${to}`);
  return edges;
}

describe('the layer diagram of docs/architecture.md', () => {
  it('draws exactly the imports the code has', () => {
    const documented = documentedLayers(readFileSync(join(root, 'docs/architecture.md'), 'utf8'));
    expect(documented.size).toBeGreaterThan(5);
    expect([...layerImports()].sort()).toEqual([...documented].sort());
  });

  it('the check can fail: an edge drawn or missing is found', () => {
    const drawn = documentedLayers(
      '## Layers\n```text\nschema -> domain, infra\ndomain -> (nothing)\n```',
    );
    expect([...drawn]).toEqual(['schema -> domain', 'schema -> infra']);
  });
});
