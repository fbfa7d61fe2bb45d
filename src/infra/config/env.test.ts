import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.js';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      mongodbUri: undefined,
      providerUrl: undefined,
      adminApiKey: undefined,
      nodeEnv: 'development',
      introspection: true,
      classifierModel: 'semantic',
    });
  });

  it('chooses the classifier model, and refuses an unknown one', () => {
    expect(loadConfig({ CLASSIFIER_MODEL: 'rules' }).classifierModel).toBe('rules');
    expect(() => loadConfig({ CLASSIFIER_MODEL: 'gpt' })).toThrow(/CLASSIFIER_MODEL/);
  });

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspection,
    ).toBe(true);
  });

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig({ PORT: 'abc', MONGODB_URI: 'not a url', ADMIN_API_KEY: 'short' }),
    ).toThrow(/PORT.*MONGODB_URI.*ADMIN_API_KEY/);
    expect(loadConfig({ PROVIDER_URL: 'http://p:9000/' }).providerUrl).toBe('http://p:9000');
  });

  it('reads ALERT_MAX_AGE as a duration with a unit, 24 h by default, 0 for no limit', () => {
    expect(loadConfig({}).notifications.maxAgeMs).toBe(86_400_000);
    expect(loadConfig({ ALERT_MAX_AGE: '90m' }).notifications.maxAgeMs).toBe(5_400_000);
    expect(loadConfig({ ALERT_MAX_AGE: '0' }).notifications.maxAgeMs).toBe(0);
    expect(() => loadConfig({ ALERT_MAX_AGE: '24' })).toThrow(/ALERT_MAX_AGE/);
  });
});
