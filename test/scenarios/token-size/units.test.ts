import { describe, expect, it } from 'vitest';
import { requestHeadBytes } from '../../../scenarios/token-size/run.ts';

describe('measurement helpers', () => {
  it('request head bytes count every header byte', () => {
    const bytes = requestHeadBytes('127.0.0.1:8080', 'cookie', 'sid=x');
    expect(bytes).toBe(
      Buffer.byteLength(
        'GET /api/me HTTP/1.1\r\nhost: 127.0.0.1:8080\r\naccept: application/json\r\ncookie: sid=x\r\n\r\n',
      ),
    );
  });
});
