import type { Redis } from "@pulse/redis";
import type { SaltStore } from "./salt.js";
import { nextSession, isLiveAt } from "./session-rules.js";
import { SAVE_SESSIONS } from "./session-scripts.js";
import { sessionKey, sessionStateOf, storedSessionState } from "./session-state.js";
import type { SessionAssignment, SessionInput, SessionState } from "./types.js";
import { DAY_MS, utcDayOf, utcMidnightOf } from "./utc-day.js";
import { VisitorIdMemo } from "./visitor-id-memo.js";

export interface SessionizerOptions {
  timeoutMs?: number;
  saltStore: SaltStore;
}

/** Where a hit's session may live: under today's visitor id, or (near midnight) yesterday's. */
interface HitKeys {
  visitorId: string;
  key: string;
  previousDayKey: string | undefined;
}

/** One Redis value shared by every key that refers to the same session in this batch. */
interface Slot {
  state: SessionState | undefined;
  changed: boolean;
}

/**
 * Assigns hits to sessions with state in Redis. Per batch: at most one pipeline for new salts,
 * one MGET, one script that writes back, whatever the batch size. Only the consumer owning the
 * visitors' partition may call it, in partition order, since state is read then written back.
 */
export class Sessionizer {
  private readonly timeoutMs: number;
  private readonly saltStore: SaltStore;
  private readonly visitorIds = new VisitorIdMemo();

  constructor(
    private readonly redis: Redis,
    { timeoutMs = 30 * 60_000, saltStore }: SessionizerOptions,
  ) {
    if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive: ${timeoutMs}`);
    this.timeoutMs = timeoutMs;
    this.saltStore = saltStore;
  }

  /** One assignment per hit, in input order. */
  async assign(hits: readonly SessionInput[]): Promise<SessionAssignment[]> {
    if (hits.length === 0) return [];
    const keys = await this.keysOf(hits);
    const slots = await this.slotsOf(keys);
    const assignments = hits.map((hit, i) => this.assignmentOf(hit, keys[i]!, slots));
    await this.save(slots);
    return assignments;
  }

  /**
   * Yesterday's key matters only while a session begun before midnight can still be live:
   * later hits of such a session find it under today's key, where it is copied on first use.
   */
  private async keysOf(hits: readonly SessionInput[]): Promise<HitKeys[]> {
    const dayNames = new Map<number, string>(); // toISOString per hit showed up in profiles
    const dayOf = (timeMs: number): string => {
      const index = Math.floor(timeMs / DAY_MS);
      let name = dayNames.get(index);
      if (name === undefined) {
        name = utcDayOf(index * DAY_MS);
        dayNames.set(index, name);
      }
      return name;
    };
    const days = hits.map(({ time }) => {
      if (!Number.isFinite(time)) throw new RangeError(`hit time is not a number: ${time}`);
      const crossesMidnight = time - this.timeoutMs < utcMidnightOf(time);
      return { day: dayOf(time), previousDay: crossesMidnight ? dayOf(time - DAY_MS) : undefined };
    });
    const salts = await this.saltStore.saltsFor(dayNames.values());
    const idFor = (day: string, siteId: string, ip: string, userAgent: string) =>
      this.visitorIds.idFor(day, salts.get(day)!, siteId, ip, userAgent);
    return hits.map(({ siteId, ip, userAgent }, i) => {
      const { day, previousDay } = days[i]!;
      const visitorId = idFor(day, siteId, ip, userAgent);
      return {
        visitorId,
        key: sessionKey(siteId, visitorId),
        previousDayKey: previousDay ? sessionKey(siteId, idFor(previousDay, siteId, ip, userAgent)) : undefined,
      };
    });
  }

  /** The stored state of every key the batch may touch, in one MGET. */
  private async slotsOf(keys: readonly HitKeys[]): Promise<Map<string, Slot>> {
    const unique = new Set<string>();
    for (const { key, previousDayKey } of keys) {
      unique.add(key);
      if (previousDayKey) unique.add(previousDayKey);
    }
    const names = [...unique];
    const values = await this.redis.mget(names);
    return new Map(names.map((name, i) => [name, { state: sessionStateOf(values[i]), changed: false }]));
  }

  private assignmentOf(hit: SessionInput, keys: HitKeys, slots: Map<string, Slot>): SessionAssignment {
    let slot = slots.get(keys.key)!;
    if (!isLiveAt(slot.state, hit.time, this.timeoutMs) && keys.previousDayKey) {
      const yesterdays = slots.get(keys.previousDayKey)!;
      if (isLiveAt(yesterdays.state, hit.time, this.timeoutMs)) {
        // Continue across the salt rotation under the old visitor id, now reachable from today's key too.
        slots.set(keys.key, yesterdays);
        slot = yesterdays;
      }
    }
    const { state, assignment } = nextSession(slot.state, hit, keys.visitorId, this.timeoutMs);
    if (state === slot.state) return assignment;
    if (assignment.isNewSession) {
      // A new session lives under today's key alone, even if that key shared yesterday's session.
      slots.set(keys.key, { state, changed: true });
    } else {
      slot.state = state;
      slot.changed = true;
    }
    return assignment;
  }

  /** Writes changed sessions back in one command; they expire after two timeouts of silence. */
  private async save(slots: Map<string, Slot>): Promise<void> {
    const keys: string[] = [];
    const values: string[] = [];
    for (const [key, slot] of slots) {
      if (!slot.changed || !slot.state) continue;
      keys.push(key);
      values.push(storedSessionState(slot.state));
    }
    if (keys.length === 0) return;
    // One flat array: ioredis prefixes the first `numkeys` entries, and no call spreads 20,000 arguments.
    await this.redis.eval(SAVE_SESSIONS, keys.length, [...keys, String(2 * this.timeoutMs), ...values]);
  }
}
