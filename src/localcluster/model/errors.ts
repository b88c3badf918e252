// Errors of the localcluster model, shared by planners and providers.

/** Thrown by planners when a lane cannot run; the lane is then reported as failed with this reason. */
export class Blocked extends Error {}
