import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDocument } from "./document.ts";

export const GENERATED_FILE = new URL("../generated/openapi.ts", import.meta.url);

const HEADER = `// Generated from the live document by \`pnpm --filter @plinth/rest-contract generate\`. Do not edit.
// The contract test fails when this file no longer matches what the server serves.
`;

/** The TypeScript types openapi-typescript derives from the document: what a team's generated client would get. */
export async function clientTypes(doc: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]);
  return `${HEADER}\n${astToString(ast)}`;
}
