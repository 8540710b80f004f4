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
  'report.floor.store-run-same':
    '{run}: {cpu} µs per request, not clearly above the floor with one GET ({floor} µs; the ranges overlap): the store round trip costs {roundTrip} µs of CPU here, and authscale’s own path adds nothing this run can tell apart from the noise.',
  'report.floor.plain-run-same':
    '{run}: {cpu} µs per request, not clearly above the bare route ({floor} µs; the ranges overlap): authscale’s own path adds nothing this run can tell apart from the noise.',
  'report.floor.skipped': 'Floor not measured: {reason}.',
} as const;
