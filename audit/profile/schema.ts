import { z } from 'zod';

/**
 * The audit profile. Field names follow ZAP's Automation Framework context where one exists
 * (authentication, sessionManagement, verification, users); `app` and `logout` are ours. Every
 * object is strict: an unknown field is an error naming its path, never silently ignored. Custom
 * errors are message keys (`audit.schema.*`), translated where they are printed.
 */
const path = z.string().startsWith('/', { error: 'audit.schema.path' });
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'audit.schema.env-name' });

const regex = z.string().refine(
  (text) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'audit.schema.regex' },
);

const app = z
  .strictObject({
    command: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]).optional(),
    cwd: z.string().optional(),
    portEnv: envName.optional(),
    env: z.record(envName, z.string()).optional(),
    ready: path.optional(),
    targets: z
      .array(z.url({ protocol: /^http$/, error: 'audit.schema.url' }))
      .min(1)
      .optional(),
  })
  .refine((value) => (value.command === undefined) !== (value.targets === undefined), {
    error: 'audit.schema.command-or-targets',
  });

const authentication = z.strictObject({
  method: z.enum(['json', 'form']),
  loginPageUrl: path.optional(),
  loginRequestUrl: path,
  loginRequestBody: z.string(),
});

const sessionManagement = z
  .strictObject({
    method: z.enum(['cookie', 'headers']),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, { error: 'audit.schema.header-name' }), z.string())
      .optional(),
  })
  .refine((value) => value.method !== 'headers' || Object.keys(value.headers ?? {}).length > 0, {
    error: 'audit.schema.headers-needed',
    path: ['headers'],
  });

const verification = z.strictObject({ pollUrl: path, loggedInRegex: regex.optional() });

const logout = z.strictObject({
  url: path,
  method: z.enum(['GET', 'POST', 'DELETE']).default('POST'),
});

const user = z.strictObject({
  name: z.string().min(1),
  credentials: z.strictObject({ username: z.string(), password: z.string() }),
});

export const profileSchema = z.strictObject({
  app,
  authentication,
  sessionManagement: sessionManagement.default({ method: 'cookie' }),
  verification,
  logout: logout.optional(),
  users: z.array(user).min(1),
});

export type Profile = z.infer<typeof profileSchema>;
export type ProfileUser = Profile['users'][number];
