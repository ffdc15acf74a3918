// Node dispatches a signal (SIGINT, SIGTERM) between event-loop turns: long synchronous work (encoding
// a snapshot's objects, linting thousands of tables) holds it until the work is done. Awaiting the
// next turn at a point where stopping is safe lets the handler run there.

/** Resolves on the next turn of the event loop, after the signals and I/O waiting meanwhile. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
