import { expect, test } from 'vitest';
import { interpretEvent, isVersionTag } from '../../../src/github/domain/events.ts';
import { DEFAULT_CHECKS, type GithubLink, parseCheckMappings } from '../../../src/github/domain/links.ts';

const link: GithubLink = {
  id: 1,
  teamId: 'T0TEAM',
  channelId: 'C0RELEASE',
  repo: 'acme/shop',
  environment: 'production',
  branch: null,
  checks: [...DEFAULT_CHECKS],
  milestone: '2.4.0',
  createdBy: 'URM',
  createdAt: new Date('2026-11-23T09:00:00Z'),
};
const repository = { fullName: 'acme/shop', htmlUrl: 'https://github.com/acme/shop', defaultBranch: 'main' };
const run = (over: Partial<{ headBranch: string | null; conclusion: string | null; workflow: string }> = {}) => ({
  event: 'workflow_run' as const,
  repository,
  action: 'completed',
  workflow: 'ci',
  conclusion: 'success',
  headBranch: 'main',
  headSha: 'abcdef1234',
  runNumber: 7,
  url: 'https://github.com/acme/shop/actions/runs/1',
  ...over,
});

test('workflow runs: the default branch or a version tag, the mapped workflow (any case), a conclusion that says something', () => {
  expect(interpretEvent(link, run())).toMatchObject({ kind: 'check', item: 'tests_passing', status: 'passed' });
  expect(interpretEvent(link, run({ conclusion: 'timed_out' }))).toMatchObject({ status: 'failed' });
  expect(interpretEvent(link, run({ headBranch: 'v2.4.0' }))).toMatchObject({ kind: 'check' });
  expect(interpretEvent(link, run({ headBranch: 'feature' }))).toMatchObject({ kind: 'ignore' });
  expect(interpretEvent(link, run({ conclusion: 'cancelled' }))).toMatchObject({ kind: 'ignore' });
  expect(interpretEvent(link, run({ workflow: 'Lint' }))).toMatchObject({ kind: 'ignore' });
  expect(interpretEvent({ ...link, branch: 'release' }, run())).toMatchObject({ kind: 'ignore' });
  expect(isVersionTag('v2.4.0')).toBe(true);
  expect(isVersionTag('2.4.0-rc.1')).toBe(true);
  expect(isVersionTag('main')).toBe(false);
});

test('deployment states: started, succeeded, failed, and inactive ignored; only the linked environment', () => {
  const status = (state: string, environment = 'Production') =>
    interpretEvent(link, {
      event: 'deployment_status',
      repository,
      deploymentId: 9,
      state,
      environment,
      ref: 'v2.4.0',
      url: undefined,
    });
  for (const state of ['queued', 'in_progress']) expect(status(state)).toMatchObject({ status: 'started' });
  expect(status('success')).toMatchObject({ status: 'succeeded', url: 'https://github.com/acme/shop/deployments' });
  for (const state of ['failure', 'error']) expect(status(state)).toMatchObject({ status: 'failed' });
  expect(status('inactive')).toMatchObject({ kind: 'ignore' });
  expect(status('success', 'staging')).toMatchObject({ kind: 'ignore' });
});

test('check mappings: pairs of a workflow and a known key', () => {
  expect(parseCheckMappings('CI=tests_passing, Scan = security_scans', ['tests_passing', 'security_scans'])).toEqual({
    ok: true,
    checks: [
      { workflow: 'CI', item: 'tests_passing' },
      { workflow: 'Scan', item: 'security_scans' },
    ],
  });
  expect(parseCheckMappings('', ['tests_passing'])).toMatchObject({ ok: false });
});
