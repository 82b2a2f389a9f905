/** Where the native API lives. */
export const API = "/api/pulse/v1";
