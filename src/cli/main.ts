// Entry of the hookline command line (bin/hookline.js, the package's entry): runs the arguments.
import { runCli } from './cli.ts';

void runCli(process.argv);
