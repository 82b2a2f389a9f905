export { SaltStore } from "./salt.js";
export { visitorIdOf } from "./visitor-id.js";
export { Sessionizer, type SessionizerOptions } from "./sessionizer.js";
export { Realtime, type RealtimeHit, type ActivePage, type ActiveCountry } from "./realtime.js";
export { uuidv7, timeOfUuidv7 } from "./uuidv7.js";
export { utcDayOf } from "./utc-day.js";
export type { HitKind, SessionInput, SessionAssignment } from "./types.js";
