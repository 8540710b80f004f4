import { networkInterfaces } from 'node:os';

/** Every external IPv4 address of this machine, in the order the system lists them. */
export function externalIPv4(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry!.address);
}

/** `http://host:port` with IPv6 in brackets. */
export function origin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
