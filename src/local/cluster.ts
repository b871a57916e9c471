// The local cluster's programmatic API, for tests, the demo and the `local` command.
export { startLocalCluster, LocalClusterError, type LocalCluster, type StartOptions } from './start.ts';
export { stopLocalCluster, type StopResult } from './stop.ts';
export { localClusterStatus, type LocalClusterStatus, type ComponentStatus } from './status.ts';
export { defaultStateDir } from './layout.ts';
