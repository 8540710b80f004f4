// @ts-check
// What the page knows: the server's last state and tick (typed as the server sends them), the
// lesson, and the viewer's own "try it yourself" requests. One object, changed by the modules
// that own each part and read by the renderers.

/** @import { ClassroomState, ClassroomTick } from '../../monitor.ts' */
/** @import { LessonStep } from '../../lesson.ts' */
/** @import { Setup } from '../../live-cluster.ts' */
/** @import { ReplySummary, StealReport } from '../../try-proxy.ts' */
/** @import { MessageKey, Params } from '../../../lib/i18n/index.ts' */

/**
 * One request sent through /try, as the page logs it.
 * @typedef {ReplySummary & { body: unknown }} TryResult
 */

/**
 * A forged-token request in the JWT inspector's log.
 * @typedef {TryResult & { labelKey: MessageKey }} ForgeEntry
 */

/**
 * The steal demo's answer, or why it could not run.
 * @typedef {StealReport | { error: string }} StealVerdict
 */

/**
 * @typedef {object} LessonView
 * @property {boolean} on
 * @property {number} index
 * @property {LessonStep[]} steps
 * @property {Setup | null} pending the step's cluster, applied once no change is applying
 */

/**
 * @typedef {object} View
 * @property {'en' | 'ko'} lang
 * @property {Record<string, string>} messages
 * @property {ClassroomState | null} state
 * @property {ClassroomTick | null} tick
 * @property {LessonView} lesson
 * @property {string | null} token the access token of the viewer's JWT login
 * @property {number} tokenExp
 * @property {(TryResult & { n: number })[]} tryLog newest first
 * @property {number} tryCount
 * @property {string | null} lastTryNode
 * @property {string[] | null} setCookie redacted Set-Cookie lines (x-classroom-set-cookie)
 * @property {{ tried: number; rejected: number }} forged
 * @property {ForgeEntry[]} forgeLog newest first
 * @property {StealVerdict | null} stealVerdict
 * @property {{ key: MessageKey; params: Params; cls: string } | null} loginStatus
 * @property {{ cookie?: number; bearer?: number }} measuredBytes
 */

export const LANG_KEY = 'authscale.lang';
export const LESSON_KEY = 'authscale.lesson';
export const PROJECTOR_KEY = 'authscale.projector';

/** @type {View} */
export const view = {
  lang: 'en',
  messages: {},
  state: null,
  tick: null,
  lesson: { on: false, index: 0, steps: [], pending: null },
  token: null,
  tokenExp: 0,
  tryLog: [],
  tryCount: 0,
  lastTryNode: null,
  setCookie: null,
  forged: { tried: 0, rejected: 0 },
  forgeLog: [],
  stealVerdict: null,
  loginStatus: null,
  measuredBytes: {},
};
