import { randomBase62 } from "./base62.js";

/** 12 base62 characters (~71 bits): short enough for URLs and tracking snippets, random enough never to collide. */
export function newId(): string {
  return randomBase62(12);
}
