import type { z } from 'zod';

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(profile)';
const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(' | ');

/** One line per problem, `field.path: what was expected`, in the profile's own field names. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => `${pathOf([...issue.path, key])}: unknown field`).join('\n');
      case 'invalid_value':
        return `${pathOf(issue.path)}: expected ${quoted(issue.values)}`;
      case 'invalid_type': {
        const received = /received (\w+)/.exec(issue.message)?.[1];
        const got = received === 'undefined' ? ' (missing)' : received ? `, got ${received}` : '';
        return `${pathOf(issue.path)}: expected ${issue.expected}${got}`;
      }
      case 'too_small':
        return `${pathOf(issue.path)}: expected at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'item(s)' : 'character(s)'}`;
      default:
        return `${pathOf(issue.path)}: ${issue.message}`;
    }
  });
}
