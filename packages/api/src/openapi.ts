// `@plinth/api/openapi`: the procedures' contracts as JSON Schema (draft 2020-12, OpenAPI 3.1's dialect), for the
// REST layer that builds the OpenAPI document from them. Kept apart from the main index: the web app never needs it.
export {
  type ApiSchemas,
  COMPONENT_REF_PREFIX,
  type JsonSchema,
  type ProcedureSchemas,
  procedureSchemas,
  type SchemaComponents,
  toJsonSchema,
} from "./core/json-schema.ts";
