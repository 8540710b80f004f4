import type { z } from 'zod';
import { CATALOGUES, type MessageKey } from '../../lib/i18n/index.ts';
import type { AuditLine } from '../errors.ts';

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(profile)';
const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(' | ');
const isKey = (text: string): text is MessageKey => text in CATALOGUES.en;

function typeLine(path: string, issue: z.core.$ZodIssueInvalidType): AuditLine {
  const received = /received (\w+)/.exec(issue.message)?.[1];
  if (received === 'undefined') return { key: 'audit.error.missing', params: { path, type: issue.expected } };
  return { key: 'audit.error.type', params: { path, type: issue.expected, got: received ?? '?' } };
}

/** One line per problem, `field.path: what was expected`, in the profile's own field names. */
export function describeIssues(error: z.ZodError): AuditLine[] {
  return error.issues.flatMap((issue): AuditLine[] => {
    const path = pathOf(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          key: 'audit.error.unknown-field',
          params: { path: pathOf([...issue.path, key]) },
        }));
      case 'invalid_value':
        return [{ key: 'audit.error.one-of', params: { path, values: quoted(issue.values) } }];
      case 'invalid_type':
        return [typeLine(path, issue)];
      case 'too_small':
        return [
          {
            key: issue.origin === 'array' ? 'audit.error.too-few' : 'audit.error.too-short',
            params: { path, minimum: String(issue.minimum) },
          },
        ];
      default:
        return [
          isKey(issue.message)
            ? { key: issue.message, params: { path } }
            : { key: 'audit.error.other', params: { path, message: issue.message } },
        ];
    }
  });
}
