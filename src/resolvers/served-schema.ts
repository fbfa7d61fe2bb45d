import { buildGatewaySchema } from './gateway-schema.js';

/** The served schema as a module export: graphql-codegen loads it from dist/ (see codegen.ts). */
export const schema = await buildGatewaySchema();
