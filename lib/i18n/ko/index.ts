import type { Messages } from '../messages.ts';
import { audit } from './audit.ts';
import { balancers } from './balancers.ts';
import { bin } from './bin.ts';
import { capacity } from './capacity.ts';
import { cli } from './cli.ts';
import { common } from './common.ts';
import { compare } from './compare.ts';
import { classroomConsole } from './console.ts';
import { docker } from './docker.ts';
import { errors } from './errors.ts';
import { floor } from './floor.ts';
import { keepalive } from './keepalive.ts';
import { latency } from './latency.ts';
import { network } from './network.ts';
import { replication } from './replication.ts';
import { report } from './report.ts';
import { soak } from './soak.ts';
import { students } from './students.ts';
import { thresholds } from './thresholds.ts';

/** The Korean catalogue: the same keys as the English one (the type and a test enforce it). */
export const ko: Messages = {
  ...common,
  ...report,
  ...cli,
  ...soak,
  ...classroomConsole,
  ...capacity,
  ...docker,
  ...keepalive,
  ...latency,
  ...balancers,
  ...network,
  ...students,
  ...replication,
  ...errors,
  ...thresholds,
  ...compare,
  ...audit,
  ...bin,
  ...floor,
};
