import { type Agent, request } from 'undici';

/** The response header our balancer, HAProxy and nginx add to name the replica that answered. */
export const UPSTREAM_HEADER = 'x-authscale-upstream';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** `127.0.0.1:PORT` of the replica that answered (from UPSTREAM_HEADER), when known. */
  upstream?: string;
  /** 0 when the request never got an answer (connection refused, reset, timeout). */
  error?: string;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Bytes of body kept (the audit only needs excerpts and small JSON bodies). */
  keepBytes?: number;
}

/** One request without following redirects (a 3xx to a login page is an answer the audit judges). */
export async function send(agent: Agent, url: URL, options: SendOptions = {}): Promise<Answer> {
  try {
    const response = await request(url, {
      dispatcher: agent,
      method: (options.method ?? 'GET') as 'GET',
      headers: options.headers ?? {},
      ...(options.body !== undefined && { body: options.body }),
    });
    const text = await response.body.text();
    const named = response.headers[UPSTREAM_HEADER];
    const upstream = (Array.isArray(named) ? named.at(-1) : named)?.split(',').at(-1)?.trim();
    return {
      status: response.statusCode,
      headers: response.headers,
      body: text.slice(0, options.keepBytes ?? 64 * 1024),
      ...(upstream && { upstream }),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { status: 0, headers: {}, body: '', error: code };
  }
}

/** The first `limit` characters of a body on one line, for error messages. */
export function excerpt(body: string, limit = 200): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}
