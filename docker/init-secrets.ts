import { langFromEnv, translator } from '../lib/i18n/index.ts';
import { ensureSecret, SECRET_FILES } from './secrets.ts';

/** `node docker/init-secrets.ts [DIR]`: the compose `secrets` service (see secrets.ts). */
const dir = process.argv[2] ?? '/run/authscale';
const t = translator(langFromEnv());
for (const file of SECRET_FILES) {
  const created = ensureSecret(dir, file);
  process.stdout.write(`${t(created ? 'docker.secret.created' : 'docker.secret.kept', { file })}\n`);
}
