import { runClassroomCli } from './cli.ts';

/** `npm run classroom`: the process entry (the package's `authscale` bin shares runClassroomCli). */
process.exitCode = await runClassroomCli(process.argv.slice(2));
