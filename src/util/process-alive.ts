// Whether a process of this host still runs, as git asks of a lock's or gc.pid's owner: signal 0
// checks without signalling, and EPERM means it runs under another user.
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
