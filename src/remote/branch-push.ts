// Which branches a plain `git push` sends once a remote has a push refspec. git reads push.default
// only for a remote with none: `remote setup`, which adds one for the snapshots, also adds the one
// that pushes branches as push.default did, where a refspec can say it, and otherwise says what
// changes.

/** Runs git in the repository; its stdout. */
type ReadGit = (args: string[]) => string;

export interface BranchPush {
  /** The refspec that pushes branches as push.default did; none for `nothing`. */
  refspec?: string;
  /** What plain `git push` now does differently, and how to undo it. */
  warnings: string[];
}

/** Local branches whose upstream is a branch of another name on `remote`: `hotfix → master`. */
function otherNamedUpstreams(readGit: ReadGit, remote: string): string[] {
  // NUL between fields: a remote's name may hold what a branch's may not.
  const lines = readGit(['for-each-ref', '--format=%(refname:short)%00%(upstream:remotename)%00%(upstream:remoteref)', 'refs/heads/']);
  const named: string[] = [];
  for (const [branch = '', upstreamRemote, upstream = ''] of lines.split('\n').map((line) => line.split('\0'))) {
    if (upstreamRemote === remote && upstream !== '' && upstream !== `refs/heads/${branch}`) named.push(`${branch} → ${upstream.replace(/^refs\/heads\//, '')}`);
  }
  return named;
}

export function branchPush(readGit: ReadGit, remote: string): BranchPush {
  // Unset, git's default is `simple`.
  const pushDefault = readGit(['config', '--get', 'push.default']).trim() || 'simple';
  // These two a refspec says exactly: `:` pushes the branches the remote has by the same name.
  if (pushDefault === 'matching') return { refspec: ':', warnings: [] };
  if (pushDefault === 'nothing') return { warnings: [] };
  // `HEAD` pushes the current branch to one of the same name: push.default `current`, and `simple`
  // or `upstream` wherever a branch's upstream has its name.
  const differing = otherNamedUpstreams(readGit, remote);
  const toUpstream = pushDefault === 'upstream' || pushDefault === 'tracking';
  if (!toUpstream && differing.length === 0) return { refspec: 'HEAD', warnings: [] };
  const listed = differing.length ? ` (${differing.join(', ')})` : '';
  const change = toUpstream
    ? `push.default is ${pushDefault}, which git does not read for a remote with push refspecs: plain \`git push\` to ${remote} pushed the current branch to its upstream branch, and now pushes it to a branch of the same name, a new one for a branch whose upstream has another name${listed}`
    : `plain \`git push\` to ${remote} refused a branch whose upstream has another name (push.default ${pushDefault}), and now pushes it to a new branch of the same name${listed}`;
  const undo = `\`git push ${remote} HEAD:<upstream>\` pushes such a branch to its upstream; for push.default to apply again, remove the push refspecs (\`git config --unset-all remote.${remote}.push\`: ${remote} had none before) and push the snapshots with \`datatrack push ${remote}\``;
  return { refspec: 'HEAD', warnings: [`${change}; ${undo}`] };
}
