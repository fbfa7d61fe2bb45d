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
  });

  it('keeps the mock provider and the embedded engine out of production code', async () => {
    for (const file of ['src/main.ts', 'src/runtime/boundary-fixture.ts']) {
      const problems = await restrictedImports(
        file,
        [
          `import { startMockProvider } from '${file === 'src/main.ts' ? '..' : '../..'}/mock-external-api/src/server.js';`,
          `import { startEmbeddedMongo } from '${file === 'src/main.ts' ? '.' : '..'}/infra/mongo/embedded-mongo.js';`,
          'export const used = [startMockProvider, startEmbeddedMongo];',
        ].join('\n'),
      );
      expect(problems, file).toHaveLength(2);
    }
    // npm start's entry may: it is the development stand-in's home.
    expect(
      await restrictedImports(
        'src/demo.ts',
        "import { startEmbeddedMongo } from './infra/mongo/embedded-mongo.js';\nexport const used = startEmbeddedMongo;",
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

/** Folder-to-folder imports of src/domain's production files. */
function domainFolderGraph(): Map<string, Set<string>> {
  const domain = join(root, 'src/domain');
  const graph = new Map<string, Set<string>>();
  const files = readdirSync(domain, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of files) {
    const from = dirname(file);
    const source = readFileSync(join(domain, file), 'utf8');
    for (const [, target] of source.matchAll(/from '(\.[^']+)'/g)) {
      const to = dirname(relative(domain, resolve(domain, from, target!)));
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next].join(' -> '));
      else visit(next, [...path, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return found;
}

describe('domain folders', () => {
  it('import each other without cycles', () => {
    expect(cycles(domainFolderGraph())).toEqual([]);
  });

  it('the cycle check can fail', () => {
    const graph = new Map([
      ['tickets', new Set(['ingestion'])],
      ['ingestion', new Set(['tickets'])],
    ]);
    expect(cycles(graph)).toContain('tickets -> ingestion -> tickets');
  });
});
