import { buildGatewaySchema } from './build-schema.js';

/** The served schema as a module export: graphql-codegen loads it from dist/ (see codegen.ts). */
export const schema = await buildGatewaySchema();
