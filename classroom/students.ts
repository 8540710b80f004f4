import { randomBytes } from 'node:crypto';
import { AuthscaleError } from '../lib/errors.ts';
import { demoUser } from '../scenarios/client/http.ts';
import { tokenMatches } from './access.ts';
import { type CalloutView, LogoutCallout } from './logout-callout.ts';
import type { Answer } from './student-input.ts';

/**
 * The students who joined from their phones, in memory only (nothing is written anywhere; it all
 * goes with the process, and a student silent for FORGET_AFTER_MS is forgotten). Each one gets a
 * demo account of its own (user9001…user9200) and a key that proves its reports are its own.
 *
 * Counts are the phones' own answers to GET /api/me, kept apart from the virtual users': totals
 * per set-up (reset when the cluster or balancer is replaced) and per node.
 */
export const MAX_STUDENTS = 200;
/**
 * Students joined from one source address at most (by default): one phone re-joining, or a few
 * sharing a device, fits; one machine filling the class with scripted joins does not.
 */
export const MAX_PER_ADDRESS = 4;
/** Reports per second a phone may send (a burst of twice that): auto-repeat is 1/s. */
export const REPORTS_PER_SECOND = 4;
export const ACTIVE_MS = 10_000;
export const FORGET_AFTER_MS = 15 * 60_000;
const ACCOUNT_OFFSET = 9000;
/** Names listed on the projector at most (the most recent answers first). */
const LISTED = 40;

interface Student {
  id: string;
  key: string;
  name: string;
  slot: number;
  /** Where the join came from (see source-address.ts); '' when the caller did not say. */
  source: string;
  lastAt: number;
  requests: number;
  ok: number;
  failed: number;
  last: { ok: boolean; node: string | null; code: string | null } | null;
  tokens: number;
  refilledAt: number;
}

export interface NodeStudents {
  ok: number;
  failed: number;
}

export interface StudentsView {
  joined: number;
  active: number;
  requests: number;
  ok: number;
  failed: number;
  logins: number;
  byNode: Record<string, NodeStudents>;
  list: { name: string; ok: boolean | null; node: string | null; code: string | null }[];
  callout: CalloutView | null;
}

export interface Joined {
  id: string;
  key: string;
  name: string;
  username: string;
  password: string;
}

export class Students {
  private readonly byId = new Map<string, Student>();
  private readonly callout = new LogoutCallout();
  private byNode = new Map<string, NodeStudents>();
  private logins = 0;

  private readonly perAddress: number;

  constructor(perAddress = MAX_PER_ADDRESS) {
    this.perAddress = perAddress;
  }

  /** `source`: the joining client's address; at most `perAddress` students per address ('' is not counted). */
  join(name: string, now = Date.now(), source = ''): Joined {
    this.forgetSilent(now);
    if (this.byId.size >= MAX_STUDENTS) {
      throw new AuthscaleError('ERR_CLASS_FULL', `the class is full (${MAX_STUDENTS} students)`);
    }
    if (source !== '' && this.fromSource(source) >= this.perAddress) {
      throw new AuthscaleError(
        'ERR_JOIN_LIMIT',
        `at most ${this.perAddress} students from one address; leave on another device first`,
      );
    }
    const used = new Set([...this.byId.values()].map((s) => s.slot));
    let slot = 1;
    while (used.has(slot)) slot++;
    const student: Student = {
      id: randomBytes(12).toString('base64url'),
      key: randomBytes(18).toString('base64url'),
      name,
      slot,
      source,
      lastAt: now,
      requests: 0,
      ok: 0,
      failed: 0,
      last: null,
      tokens: REPORTS_PER_SECOND * 2,
      refilledAt: now,
    };
    this.byId.set(student.id, student);
    const username = demoUser(ACCOUNT_OFFSET + slot - 1);
    return { id: student.id, key: student.key, name, username, password: `${username}-pw` };
  }

  /** Counts one answer a phone saw; 401 for a wrong id/key, 429 beyond the per-student rate. */
  report(id: string, key: string, answer: Answer, now = Date.now()): void {
    const student = this.byId.get(id);
    if (!student || !tokenMatches(key, student.key)) {
      throw new AuthscaleError('ERR_UNKNOWN_STUDENT', 'join again: this student is not in the class');
    }
    this.refill(student, now);
    if (student.tokens < 1) {
      throw new AuthscaleError('ERR_RATE_LIMITED', `at most ${REPORTS_PER_SECOND} requests a second`, {
        'retry-after': '1',
      });
    }
    student.tokens--;
    student.lastAt = now;
    if (answer.kind === 'login') {
      if (answer.status === 200) this.logins++;
      return;
    }
    const ok = answer.status >= 200 && answer.status < 300;
    student.requests++;
    if (ok) student.ok++;
    else student.failed++;
    student.last = { ok, node: answer.node, code: answer.code };
    if (answer.node !== null) {
      const counts = this.byNode.get(answer.node) ?? { ok: 0, failed: 0 };
      if (ok) counts.ok++;
      else counts.failed++;
      this.byNode.set(answer.node, counts);
    }
    this.callout.observe(id, answer.status, now);
  }

  leave(id: string, key: string): void {
    const student = this.byId.get(id);
    if (student && tokenMatches(key, student.key)) {
      this.byId.delete(id);
      this.callout.forget(id);
    }
  }

  /** A disruptive control starts: every active student whose last answer was ✓ is at risk. */
  disrupted(action: string, now = Date.now()): void {
    const signedIn = [...this.byId.values()]
      .filter((s) => s.last?.ok === true && now - s.lastAt <= ACTIVE_MS)
      .map((s) => s.id);
    this.callout.begin(action, signedIn, now);
  }

  /** A new cluster or balancer: the counts start again (the students stay). */
  newSetup(): void {
    this.byNode = new Map();
    this.logins = 0;
    for (const student of this.byId.values()) {
      student.requests = 0;
      student.ok = 0;
      student.failed = 0;
    }
  }

  /** The class is over: forget everyone. */
  clear(): void {
    this.byId.clear();
    this.byNode = new Map();
  }

  view(now = Date.now()): StudentsView {
    const all = [...this.byId.values()];
    const active = all.filter((s) => now - s.lastAt <= ACTIVE_MS);
    const sum = (pick: (s: Student) => number) => all.reduce((total, s) => total + pick(s), 0);
    return {
      joined: all.length,
      active: active.length,
      requests: sum((s) => s.requests),
      ok: sum((s) => s.ok),
      failed: sum((s) => s.failed),
      logins: this.logins,
      byNode: Object.fromEntries(this.byNode),
      list: active
        .sort((a, b) => b.lastAt - a.lastAt)
        .slice(0, LISTED)
        .map((s) => ({
          name: s.name,
          ok: s.last?.ok ?? null,
          node: s.last?.node ?? null,
          code: s.last?.code ?? null,
        })),
      callout: this.callout.view(),
    };
  }

  private fromSource(source: string): number {
    let count = 0;
    for (const student of this.byId.values()) if (student.source === source) count++;
    return count;
  }

  private refill(student: Student, now: number): void {
    const elapsed = Math.max(0, now - student.refilledAt) / 1000;
    student.tokens = Math.min(REPORTS_PER_SECOND * 2, student.tokens + elapsed * REPORTS_PER_SECOND);
    student.refilledAt = now;
  }

  private forgetSilent(now: number): void {
    for (const [id, student] of this.byId) {
      if (now - student.lastAt > FORGET_AFTER_MS) {
        this.byId.delete(id);
        this.callout.forget(id);
      }
    }
  }
}
