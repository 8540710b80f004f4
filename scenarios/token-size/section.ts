import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { buildSection, type Section } from '../report/section.ts';
import { num, runLabel } from '../report/words.ts';

/** token-size: what each run puts on the wire per request, and (jwt) what is inside the token. */
export function tokenSizeSection(report: Report, t: Translate): Section {
  return buildSection(
    report,
    t,
    'token-size',
    [
      'report.col.run',
      'report.col.credential',
      'report.col.credential-bytes',
      'report.col.header-bytes',
      'report.col.mb-per-million',
      'report.col.decoded',
    ],
    (v, run) => [
      [
        runLabel(run, t),
        t(v.credentialKind === 'cookie' ? 'report.cell.cookie-long' : 'report.cell.bearer-long'),
        num(v.credentialBytes),
        num(v.requestHeaderBytes),
        num(v.megabytesPerMillionRequests, 1),
        v.decoded ? `${JSON.stringify(v.decoded.header)} ${JSON.stringify(v.decoded.payload)}` : '–',
      ],
    ],
  );
}
