import { describe, expect, it } from 'vitest';
import { langFromHeader } from '../../classroom/join-routes.ts';
import { LogoutCallout } from '../../classroom/logout-callout.ts';
import { MAX_NAME, parseAnswer, sanitiseName } from '../../classroom/student-input.ts';
import { MAX_STUDENTS, Students } from '../../classroom/students.ts';

const ok = { kind: 'me' as const, node: 'node-1', status: 200, code: null };
const lost = { kind: 'me' as const, node: 'node-2', status: 401, code: 'ERR_SESSION_UNKNOWN' };

describe('Students', () => {
  it(`caps the class at ${MAX_STUDENTS} and gives each student an account of its own`, () => {
    const students = new Students();
    const accounts = new Set<string>();
    for (let i = 0; i < MAX_STUDENTS; i++) accounts.add(students.join(`s${i}`, 0).username);
    expect(accounts.size).toBe(MAX_STUDENTS);
    expect([...accounts][0]).toBe('user9001');
    expect(() => students.join('one more', 0)).toThrow(/full/);
  });

  it('forgets a silent student and reuses its account', () => {
    const students = new Students();
    const first = students.join('a', 0);
    const second = students.join('b', 16 * 60_000);
    expect(students.view(16 * 60_000).joined).toBe(1);
    expect(second.username).toBe(first.username);
  });

  it('counts answers per node, keeps logins apart, and starts again on a new set-up', () => {
    const students = new Students();
    const s = students.join('minji', 0);
    students.report(s.id, s.key, { ...ok, kind: 'login' }, 0);
    students.report(s.id, s.key, ok, 1000);
    students.report(s.id, s.key, lost, 2000);
    expect(students.view(2000)).toMatchObject({
      joined: 1,
      active: 1,
      requests: 2,
      ok: 1,
      failed: 1,
      logins: 1,
      byNode: { 'node-1': { ok: 1, failed: 0 }, 'node-2': { ok: 0, failed: 1 } },
      list: [{ name: 'minji', ok: false, node: 'node-2', code: 'ERR_SESSION_UNKNOWN' }],
    });
    expect(students.view(20_000).active).toBe(0);
    students.newSetup();
    expect(students.view(2000)).toMatchObject({ joined: 1, requests: 0, byNode: {} });
    students.clear();
    expect(students.view(2000).joined).toBe(0);
  });
});

describe('LogoutCallout', () => {
  it('decides each at-risk student by its first verdict after the control', () => {
    const callout = new LogoutCallout();
    callout.begin('kill-node node-2', ['a', 'b', 'c', 'd'], 1000);
    callout.observe('a', 401, 1500);
    callout.observe('a', 200, 1600); // later answers do not change a verdict
    callout.observe('b', 502, 1500); // no verdict yet
    callout.observe('b', 200, 1700);
    callout.observe('x', 401, 1700); // was not signed in before
    callout.observe('c', 401, 900); // before the control
    expect(callout.view()).toMatchObject({ loggedOut: 1, kept: 1, pending: 2 });
    callout.forget('d');
    expect(callout.view()).toMatchObject({ pending: 1 });
  });
});

describe('student input', () => {
  it('keeps a name as text, without control or format characters, at most MAX_NAME long', () => {
    expect(sanitiseName('<img src=x onerror=f()>')).toBe('<img src=x onerror=f()>');
    expect(sanitiseName('a\u0000b\u202ec\u200d')).toBe('abc');
    expect([...sanitiseName('가'.repeat(40))]).toHaveLength(MAX_NAME);
    expect(() => sanitiseName('\u200b')).toThrow(/visible/);
  });

  it('accepts only answers a page can have seen', () => {
    expect(parseAnswer(ok)).toEqual(ok);
    expect(() => parseAnswer({ ...ok, status: 1000 })).toThrow(/status/);
    expect(() => parseAnswer({ ...ok, code: 'x<y' })).toThrow(/code/);
    expect(() => parseAnswer({ ...ok, kind: 'admin' })).toThrow(/kind/);
  });

  it('picks en or ko from Accept-Language', () => {
    expect(langFromHeader('ko-KR,ko;q=0.9', 'en')).toBe('ko');
    expect(langFromHeader('fr-FR,en;q=0.5', 'ko')).toBe('en');
    expect(langFromHeader(undefined, 'ko')).toBe('ko');
  });
});
