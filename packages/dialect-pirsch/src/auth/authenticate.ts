// Authentication is api-kit's, which also accepts the access tokens POST /api/v1/token issues.
export { authenticate as authenticateBearer, type BearerDeps, keyOfBearer } from "@pulse/api-kit";
