import { fileURLToPath } from "node:url";

/** The platform's own schema ships beside this package's code (src/ in tests, dist/ when built). */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));
