import { type MessageKey, type Params, translator } from './index.ts';

/**
 * An error told as a catalogue key and its parameters, so a CLI prints it in the user's language
 * (`t(error.key, error.params)`); `message` is the English text, for logs and stack traces.
 */
export class CatalogueError extends Error {
  readonly key: MessageKey;
  readonly params: Params;

  constructor(key: MessageKey, params: Params = {}) {
    super(translator('en')(key, params));
    this.key = key;
    this.params = params;
  }
}
