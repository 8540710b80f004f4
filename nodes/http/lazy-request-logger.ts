import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * A logger whose children are built on their first line. Fastify gives every request a child of
 * the app's logger (`request.log`, bound to the reqId); with pino that is a new logger per request
 * (bindings serialized), and with a custom `childLoggerFactory` Fastify re-validates the child on
 * every request instead. Request logging is off on the node, so almost no request ever writes a
 * line: each child here keeps its parent and bindings and builds the real child on its first call,
 * so a line written still carries the reqId.
 */
class LazyLogger {
  private real: FastifyBaseLogger | undefined;

  private readonly parent: FastifyBaseLogger;
  private readonly bindings: Bindings | undefined;
  private readonly options: ChildOptions;

  /** `bindings` undefined: the root itself (no child to build). */
  constructor(parent: FastifyBaseLogger, bindings: Bindings | undefined, options: ChildOptions) {
    this.parent = parent;
    this.bindings = bindings;
    this.options = options;
  }

  get level(): string {
    return this.real?.level ?? this.options?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  /** A lazy child of this logger (the per-request call: one small object, no pino work). */
  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return new LazyLogger(this.logger(), bindings, options) as unknown as FastifyBaseLogger;
  }

  private write(level: LogLevel, args: unknown[]): void {
    (this.logger()[level] as (...line: unknown[]) => void)(...args);
  }

  private logger(): FastifyBaseLogger {
    if (this.bindings === undefined) return this.parent;
    this.real ??= this.parent.child(this.bindings, this.options);
    return this.real;
  }
}

/**
 * Fastify's `loggerInstance` for `root` (a pino logger): the app's logger and every request's are
 * lazy children (above); Fastify's default child factory stays in place, so nothing is validated
 * per request.
 */
export function lazyLoggerOf(root: FastifyBaseLogger): FastifyBaseLogger {
  return new LazyLogger(root, undefined, undefined) as unknown as FastifyBaseLogger;
}
