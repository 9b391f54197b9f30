// Identity: sign-up, sign-in, sessions and the account. Two routers, so procedure paths stay `auth.*` and `account.*`.
export { accountRouter } from "./account.router.ts";
export { authRouter } from "./auth.router.ts";
export type { Me } from "./identity.schemas.ts";
