/** Words of the load section's floor: what the store round trip costs beside authscale's own path. */
export const floor = {
  'report.floor.measured':
    'Floor, measured in the same rounds: a bare route on {nodes} processes behind the same balancer costs {none} µs of node CPU per request, and {redis} µs when it does one Redis GET per request — the store round trip costs {roundTrip} µs of CPU here.',
  'report.floor.measured-plain':
    'Floor, measured in the same rounds: a bare route on {nodes} processes behind the same balancer costs {none} µs of node CPU per request.',
  'report.floor.store-run':
    '{run}: {cpu} µs per request. The store round trip costs {roundTrip} µs of CPU here; authscale’s path adds {extra} µs on top (floor with one GET: {floor} µs).',
  'report.floor.plain-run':
    '{run}: {cpu} µs per request; authscale’s path adds {extra} µs to the bare route ({floor} µs).',
  'report.floor.noise': '(The ranges overlap: within the noise of this run.)',
  'report.floor.skipped': 'Floor not measured: {reason}.',
} as const;
