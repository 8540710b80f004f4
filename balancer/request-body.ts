import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Body } from './forward.ts';

/**
 * Bodies up to this size are read completely before an upstream connection is taken (like nginx's
 * request buffering): a client trickling its body then holds only its own connection, never an
 * upstream one. Larger bodies are streamed (bounded by BODY_TIMEOUT).
 */
export const BODY_BUFFER_BYTES = 64 * 1024;

/**
 * Reads `req`'s body: calls `ready` once with a Buffer when it ended within `limit` bytes, or with
 * a stream of the rest (the chunks read so far first) once it grew past `limit`. Nothing is called
 * when the client goes away first (the response's 'close' handles that).
 */
export function readBody(req: IncomingMessage, limit: number, ready: (body: Body) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size <= limit) return;
    req.off('data', onData);
    req.off('end', onEnd);
    req.pause();
    ready(Readable.from(streamRest(chunks, req), { objectMode: false }));
  };
  const onEnd = () => {
    req.off('data', onData);
    ready(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
  };
  req.on('data', onData);
  req.once('end', onEnd);
}

async function* streamRest(head: Buffer[], req: IncomingMessage): AsyncGenerator<Buffer> {
  yield* head;
  for await (const chunk of req) yield chunk as Buffer;
}
