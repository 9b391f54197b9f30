import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../generated/openapi.ts";
import type { ResponseValidator } from "./response-validator.ts";

/**
 * The client a team would generate from the document: openapi-fetch typed by openapi-typescript's `paths`. Every
 * response it receives is checked against the document by `validator` before the scenario sees it.
 */
export function contractClient(baseUrl: string, validator: ResponseValidator, token?: string) {
  const client = createClient<paths>({ baseUrl: `${baseUrl}/api/v1` });
  const checkEveryResponse: Middleware = {
    async onResponse({ request, response }) {
      await validator.check(request.method, request.url, response);
    },
  };
  client.use(checkEveryResponse);
  if (token) {
    client.use({
      onRequest({ request }) {
        request.headers.set("authorization", `Bearer ${token}`);
      },
    });
  }
  return client;
}

export type ContractClient = ReturnType<typeof contractClient>;
