import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../src/infra/system/project-root.js';

// Docker has no engine on the development machines, so the compose file is checked here
// for the structure the README promises rather than run.
const root = projectRoot();
// Compose applies YAML merge keys (<<), as the file uses them for the second replica.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('runs MongoDB 8 as an initiated single-node replica set with a health check', () => {
    const mongo = compose.services.mongo;
    expect(mongo.image).toMatch(/^mongo:8(\.|$)/);
    const start = mongo.entrypoint.join(' ');
    expect(start).toContain('mongod --replSet rs0');
    const check = mongo.healthcheck.test.join(' ');
    expect(check).toContain('rs.initiate');
    expect(check).toContain("host: 'mongo:27017'");
    // Reached only from the compose network.
    expect(mongo.ports).toBeUndefined();
  });

  it('runs MongoDB with authentication: a shared key file, a root password, and a gateway user of its own database', () => {
    const mongo = compose.services.mongo;
    expect(mongo.entrypoint.join(' ')).toMatch(/--keyFile "\$\$key"/);
    expect(mongo.environment.MONGO_INITDB_ROOT_PASSWORD).toMatch(/^\$\{MONGO_ROOT_PASSWORD:\?/);
    const check = mongo.healthcheck.test.join(' ');
    expect(check).toContain('--authenticationDatabase admin');
    expect(check).toContain("role: 'readWrite', db: 'ticket_gateway'");
    const gateway = compose.services['gateway-1'].environment;
    const uri = new URL(gateway.MONGODB_URI.replace(/\$\{[^}]+\}/, 'secret'));
    expect(uri.username).toBe('gateway');
    expect(uri.searchParams.get('authSource')).toBe('admin');
    expect(gateway.MONGODB_DB).toBe('ticket_gateway');
  });

  it('checks the gateways by readiness, which a provider outage does not fail', () => {
    for (const name of ['gateway-1', 'gateway-2'])
      expect(compose.services[name].healthcheck.test.join(' '), name).toContain('/health/ready');
  });

  it('runs two gateway replicas on one database, each wired to MongoDB and the provider and waiting for them', () => {
    const replicas = Object.keys(compose.services).filter((name) => name.startsWith('gateway'));
    expect(replicas).toEqual(['gateway-1', 'gateway-2']);
    expect(compose.services['gateway-2'].environment).toEqual(
      compose.services['gateway-1'].environment,
    );
    expect(compose.services['gateway-2'].ports).toEqual(['4001:4000']);
    const gateway = compose.services['gateway-1'];
    const uri = new URL(gateway.environment.MONGODB_URI.replace(/\$\{[^}]+\}/, 'secret'));
    expect(uri.hostname).toBe('mongo');
    expect(uri.searchParams.get('replicaSet')).toBe('rs0');
    const provider = new URL(gateway.environment.PROVIDER_URL);
    expect(provider.hostname).toBe('mock-provider');
    expect(provider.port).toBe(compose.services['mock-provider'].environment.MOCK_PORT);
    expect(gateway.depends_on).toEqual({
      mongo: { condition: 'service_healthy' },
      'mock-provider': { condition: 'service_healthy' },
    });
    expect(gateway.ports).toContain('4000:4000');
  });

  it('gives every service a health check, and both Node services the image of the Dockerfile', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    expect(compose.services['gateway-1'].build).toBe('.');
    expect(compose.services['gateway-2'].build).toBe('.');
    expect(compose.services['mock-provider'].build).toBe('.');
    expect(compose.services['mock-provider'].command).toEqual([
      'node',
      'dist/mock-external-api/src/main.js',
    ]);
  });

  it('builds with the Node version the project runs on and starts the compiled gateway', () => {
    expect(dockerfile).toMatch(/FROM node:20\.\d+/);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('CMD ["node", "dist/src/main.js"]');
  });
});
