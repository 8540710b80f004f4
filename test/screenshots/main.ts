import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { takePhoneScreenshots } from './phones.ts';

/** `npm run screenshots`: the pictures in docs/, taken from a real cluster. Tests never write them. */
const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
for (const file of await takePhoneScreenshots(DOCS)) process.stdout.write(`${file}\n`);
