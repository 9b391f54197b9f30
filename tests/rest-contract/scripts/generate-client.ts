// Regenerates src/generated/openapi.ts from the document a freshly started server serves.
import { writeFile } from "node:fs/promises";
import { clientTypes, GENERATED_FILE } from "../src/support/client-types.ts";
import { fetchDocument } from "../src/support/document.ts";
import { startServer } from "../src/support/server.ts";

const server = await startServer({});
try {
  await writeFile(GENERATED_FILE, await clientTypes(await fetchDocument(server.url)));
  console.log(`wrote ${GENERATED_FILE.pathname}`);
} finally {
  await server.stop();
}
