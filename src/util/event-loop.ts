// Node dispatches a signal (SIGINT, SIGTERM) between event-loop turns: long synchronous work (encoding
// a snapshot's objects, linting thousands of tables) holds it until the work is done. Awaiting the
// next turn at a point where stopping is safe lets the handler run there.

/**
 * Resolves on the next turn of the event loop, after the signals and I/O waiting meanwhile. A
 * signal is read in the loop's poll phase, which one setImmediate can skip (it runs in the check
 * phase right after the current callback); a second one, queued from the first, runs only after
 * the next poll.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
