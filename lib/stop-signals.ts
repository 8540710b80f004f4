/**
 * SIGTERM/SIGINT handling that starts before a server's modules load. Loading them (tsx compiles
 * every file on the way) takes seconds on a busy machine; a `docker stop` in that window — a node
 * that Docker is restarting after a crash, then `docker compose stop` — would otherwise hit Node's
 * default action and end the process with 143 instead of 0.
 *
 * Until `onStop` hands over a graceful shutdown, a stop signal ends the process with 0 at once:
 * nothing has been served yet, so there is nothing to finish.
 */
export interface StopSignals {
  /** From now on a stop signal calls `shutdown` (at once if one already arrived). */
  onStop(shutdown: (signal: NodeJS.Signals) => void): void;
}

/**
 * The process's one catcher, installed when this module is evaluated. The containers load it
 * before anything else, by Node itself (`node --import ./lib/stop-signals.ts --import tsx …`;
 * Node ≥ 22.18 strips the types, so this file uses erasable syntax only and imports nothing): then
 * only Node's own boot is left uncovered. The entry points import it statically and everything
 * heavy dynamically, so without the preload it runs once tsx is loaded. Both paths share this one
 * module instance (one URL), so there is never a second catcher.
 */
export const stopSignals: StopSignals = catchStopSignals();

function catchStopSignals(): StopSignals {
  let received: NodeJS.Signals | undefined;
  let handler: (signal: NodeJS.Signals) => void = () => process.exit(0);
  const receive = (signal: NodeJS.Signals) => {
    if (received) return; // a second signal changes nothing: the first shutdown is under way
    received = signal;
    handler(signal);
  };
  process.on('SIGTERM', receive);
  process.on('SIGINT', receive);
  return {
    onStop(shutdown) {
      handler = shutdown;
      if (received) shutdown(received);
    },
  };
}
