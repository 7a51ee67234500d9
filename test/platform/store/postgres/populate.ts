import type { Store } from '../../../../src/deps.ts';
import { at, insertRelease, TEAM } from '../contract/harness.ts';

/**
 * Puts at least one row in every table, through the store ports only, and returns what to read them back by. For
 * db:copy: what one store wrote, the other must read back the same.
 */
export async function populate(store: Store) {
  const release = await insertRelease(store, { name: 'Orion 2.4', status: 'shipped' });
  const ended = await insertRelease(store, { name: 'Vega 1.0' });
  await store.releases.setStatus(ended.id, 'done', at('2026-11-30T12:00:00Z'));
  for (const [role, userId] of [
    ['rm', 'URM'],
    ['qa_lead', 'UZED'],
    ['qa_lead', 'UAMY'],
    ['devops', 'UDEV'],
  ] as const) {
    await store.releases.assign({
      releaseId: release.id,
      role,
      userId,
      assignedBy: 'URM',
      assignedAt: at('2026-11-23T09:00:00Z'),
    });
  }
  await store.releases.reschedule({
    releaseId: ended.id,
    before: { targetDate: '2026-12-10', windowStart: '2026-12-01', windowEnd: '2026-12-12' },
    after: { targetDate: '2026-12-17', windowStart: null, windowEnd: null },
    reason: 'vendor slipped',
    changedBy: 'URM',
    changedAt: at('2026-11-24T09:00:00Z'),
  });
  await store.audit.record({
    teamId: TEAM,
    releaseId: release.id,
    actorId: 'URM',
    action: 'release.created',
    after: { b: 1, a: 2 },
    at: at('2026-11-23T09:00:00Z'),
  });
  await store.timers.schedule({
    kind: 'poll.deadline',
    key: 'poll:1',
    releaseId: release.id,
    dueAt: at('2026-12-09T16:00:00Z'),
    payload: { pollId: 1 },
  });
  await store.interactions.claim('sig:v0=abc', at('2026-11-23T09:00:00Z'), at('2099-01-01T00:00:00Z'));
  await store.interactions.recordView({
    viewId: 'V0POPULATE',
    callbackId: 'risk_add',
    userId: 'URM',
    privateMetadata: '{"releaseId":1}',
    openedAt: at('2026-11-23T09:00:00Z'),
    expiresAt: at('2099-01-01T00:00:00Z'),
  });
  await store.timers.schedule({ kind: 'x', key: 'claimed', releaseId: null, dueAt: at('2026-11-23T09:00:00Z') });
  await store.timers.claimDue(at('2026-11-23T09:00:00Z'), 'old-process', 5);

  await store.cadence.saveConfig(
    release.id,
    {
      standupTime: 540,
      workingDays: [1, 3],
      reminderAfterMs: 3_600_000,
      cutoffAfterMs: 7_200_000,
      holidays: { dates: ['2026-12-24'], yearly: ['--01-01'] },
      riskDay: 2,
      riskTime: 600,
      riskCollectMs: 86_400_000,
      standupDelivery: 'dm',
      updatedAt: at('2026-11-23T09:00:00Z'),
    },
    'URM',
  );
  await store.cadence.claim({
    releaseId: release.id,
    job: 'standup',
    slot: '2026-11-23',
    dueAt: at('2026-11-23T09:00:00Z'),
    owner: 'p',
    now: at('2026-11-23T09:00:00Z'),
  });
  await store.cadence.finish(release.id, 'standup', '2026-11-23', 'done', at('2026-11-23T09:01:00Z'), 'ok');
  await store.cadence.recordMissed({
    releaseId: release.id,
    job: 'standup',
    slot: '2026-11-20',
    dueAt: at('2026-11-20T09:00:00Z'),
    now: at('2026-11-23T09:00:00Z'),
  });
  const standup = await store.standups.open({
    releaseId: release.id,
    slot: '2026-11-23',
    channelId: 'C1',
    at: at('2026-11-23T09:00:00Z'),
  });
  await store.standups.setMessage(standup.id, '100.1');
  const answer = await store.standups.saveAnswer({
    standupId: standup.id,
    userId: 'UZED',
    answers: { qa_lead: { today: 'tests' } },
    at: at('2026-11-23T09:10:00Z'),
  });
  await store.standups.setAnswerReply(answer.id, '100.2');
  await store.standups.claimDm({
    standupId: standup.id,
    userId: 'UAMY',
    dueAt: at('2026-11-24T14:30:00Z'),
    timeZone: 'America/New_York',
    owner: 'p1',
    now: at('2026-11-24T14:30:00Z'),
  });
  await store.standups.setDmMessage(standup.id, 'UAMY', 'D0AMY', '100.3');
  await store.releases.setAbsence({
    releaseId: release.id,
    userId: 'UAMY',
    fromDate: '2026-11-23',
    untilDate: '2026-11-27',
    delegateId: 'UBEN',
    mayDecide: true,
    setAt: at('2026-11-23T09:00:00Z'),
  });
  await store.standups.claimDmReminder(standup.id, 'UAMY', at('2026-11-24T16:30:00Z'));
  await store.homes.remember({
    teamId: TEAM,
    userId: 'UAMY',
    shown: [release.id],
    publishedAt: at('2026-11-24T09:00:00Z'),
  });

  const risk = await store.risks.add({
    releaseId: release.id,
    title: 'flaky',
    severity: 4,
    likelihood: 3,
    ownerId: 'UZED',
    mitigation: null,
    dueDate: '2026-12-01',
    createdBy: 'URM',
    createdAt: at('2026-11-23T09:00:00Z'),
  });
  await store.risks.recordChange({
    riskId: risk.id,
    actorId: 'URM',
    change: 'created',
    before: null,
    after: { title: 'flaky' },
    note: null,
    at: at('2026-11-23T09:00:00Z'),
  });
  await store.risks.saveSnapshot(release.id, {
    takenAt: at('2026-11-23T10:00:00Z'),
    openCount: 1,
    totalScore: 12,
    highCount: 1,
  });
  await store.risks.saveNote({
    releaseId: release.id,
    slot: '2026-11-23',
    userId: 'URM',
    kind: 'progress',
    text: 'fine',
    at: at('2026-11-23T10:00:00Z'),
  });
  await store.retros.open({
    releaseId: ended.id,
    channelId: 'C2',
    promptedAt: at('2026-11-30T12:00:00Z'),
    closesAt: at('2026-12-02T12:00:00Z'),
  });
  await store.retros.saveAnswer(ended.id, { userId: 'UAMY', answers: { well: 'all' }, at: at('2026-11-30T13:00:00Z') });

  const decision = await store.decisions.record({
    teamId: TEAM,
    releaseId: release.id,
    kind: 'authority',
    area: 'schedule',
    outcome: 'friday',
    rationale: null,
    decidedBy: 'URM',
    decidedAt: at('2026-11-24T09:00:00Z'),
    details: { votes: [1, 2] },
  });
  await store.governance.createChecklist([
    { releaseId: release.id, key: 'tests', label: 'Tests pass', owner: 'qa_lead', position: 1 },
  ]);
  await store.governance.setTick({
    releaseId: release.id,
    key: 'tests',
    action: 'tick',
    actorId: 'UZED',
    at: at('2026-11-24T09:00:00Z'),
    evidenceUrl: null,
  });
  await store.governance.saveHandoff({
    releaseId: release.id,
    key: 'qa_to_devops',
    signedOffBy: 'UZED',
    signedOffAt: at('2026-11-24T10:00:00Z'),
    confirmedBy: null,
    confirmedAt: null,
    channelId: 'C1',
    messageTs: '100.3',
  });
  await store.governance.recordConflict({
    releaseId: release.id,
    area: 'schedule',
    perspectiveA: 'a',
    perspectiveB: 'b',
    recordedBy: 'URM',
    recordedAt: at('2026-11-24T08:00:00Z'),
  });
  await store.governance.resolveConflicts(release.id, 'schedule', decision.id);
  const proposal = await store.governance.recordProposal({
    releaseId: release.id,
    area: 'scope',
    decision: 'cut',
    rationale: 'time',
    proposedBy: 'UPO',
    proposerRole: 'product_owner',
    proposedAt: at('2026-11-24T08:00:00Z'),
  });

  const escalation = await store.escalations.insert({
    teamId: TEAM,
    releaseId: release.id,
    category: 'blocker',
    summary: 'red build',
    raisedBy: 'UZED',
    raisedAt: at('2026-11-24T09:00:00Z'),
    level: 2,
    status: 'open',
    step: 0,
    nextStepAt: at('2026-11-24T10:00:00Z'),
    history: [
      {
        level: 2,
        postedAt: '2026-11-24T09:00:00.000Z',
        via: 'raised',
        by: 'UZED',
        acknowledgedAt: null,
        acknowledgedBy: null,
      },
    ],
  });
  await store.escalations.addMessage({
    escalationId: escalation.id,
    step: 0,
    kind: 'level',
    level: 2,
    channelId: 'CMGR',
    ts: '100.4',
    postedAt: at('2026-11-24T09:00:00Z'),
  });
  await store.escalations.saveLevelSetting({
    teamId: TEAM,
    level: 2,
    channelId: 'CMGR',
    pings: ['S1'],
    ackMs: 3_600_000,
    updatedBy: 'URM',
    updatedAt: at('2026-11-23T09:00:00Z'),
  });
  await store.escalations.saveReleaseLevelSetting({
    releaseId: release.id,
    teamId: TEAM,
    level: 3,
    channelId: 'CEXEC',
    pings: ['UCEO'],
    ackMs: 600_000,
    hours: '08:00-20:00',
    days: 'mon-sat',
    updatedBy: 'URM',
    updatedAt: at('2026-11-23T09:30:00Z'),
  });

  const poll = await store.polls.insert({
    teamId: TEAM,
    releaseId: release.id,
    activity: 'go_no_go',
    channelId: 'C1',
    deadlineAt: null,
    openedBy: 'URM',
    openedAt: at('2026-12-09T10:00:00Z'),
  });
  await store.polls.addVote({
    pollId: poll.id,
    role: 'qa_lead',
    voterId: 'UZED',
    value: 'go_with_conditions',
    note: 'if green',
    at: at('2026-12-09T11:00:00Z'),
  });

  const intent = {
    key: 'standup:1:prompt',
    channelId: 'C1',
    threadTs: null,
    searchFrom: at('2026-11-23T08:50:00Z'),
    owner: 'p1',
    now: at('2026-11-23T09:00:00Z'),
    until: at('2026-11-23T09:01:00Z'),
  };
  await store.intents.claim(intent);
  await store.intents.posted(intent.key, { channelId: 'C1', ts: '100.5' }, at('2026-11-23T09:00:01Z'));
  await store.renders.request('poll:1', 'p1', at('2026-12-09T11:00:00Z'), at('2026-12-09T11:01:00Z'));

  await store.escalations.saveAlert({
    escalationId: escalation.id,
    releaseId: release.id,
    dedupKey: 'checkout-errors',
    sourceUrl: 'https://grafana.example.com/d/1',
    fired: 3,
    lastFiredAt: at('2026-11-24T09:30:00Z'),
  });

  const token = await store.api.insertToken({
    teamId: TEAM,
    channelId: 'C1',
    name: 'github-actions',
    hash: 'a'.repeat(64),
    createdBy: 'URM',
    createdAt: at('2026-11-23T09:00:00Z'),
  });
  await store.api.touchToken(token.id, at('2026-11-23T10:00:00Z'));
  await store.api.saveRateWindow({ tokenId: token.id, startedAt: at('2026-11-23T10:00:00Z'), count: 7 });
  await store.api.claimIdempotency({
    tokenId: token.id,
    key: 'retry-1',
    fingerprint: 'f'.repeat(64),
    createdAt: at('2026-11-23T10:00:00Z'),
  });
  await store.api.completeIdempotency(token.id, 'retry-1', {
    status: 201,
    body: '{"ok":true}',
    contentType: 'application/json',
  });
  await store.api.insertDeployment({
    teamId: TEAM,
    releaseId: release.id,
    environment: 'production',
    status: 'started',
    version: 'v2.4.0',
    url: 'https://ci.example.com/d/1',
    reportedBy: 'ci:github-actions',
    at: at('2026-11-24T10:00:00Z'),
    outcome: 'blocked',
    blockedBy: ['no_go'],
  });
  await store.github.saveLink({
    teamId: TEAM,
    channelId: 'C1',
    repo: 'acme/shop',
    environment: 'production',
    branch: 'main',
    checks: [{ workflow: 'CI', item: 'tests_passing' }],
    milestone: '2.4.0',
    createdBy: 'URM',
    createdAt: at('2026-11-23T10:00:00Z'),
  });
  await store.github.recordVersion({
    releaseId: release.id,
    repo: 'acme/shop',
    tag: 'v2.4.0',
    url: 'https://github.com/acme/shop/releases/tag/v2.4.0',
    at: at('2026-11-24T11:00:00Z'),
  });

  return { release, ended, standup, risk, proposal, escalation, poll, intent, token };
}

export type Populated = Awaited<ReturnType<typeof populate>>;

/** Everything `populate` wrote, read back through the ports. */
export async function readBack(store: Store, p: Populated) {
  const { release, ended } = p;
  return {
    releases: [
      await store.releases.findById(release.id),
      await store.releases.listFinished(TEAM, 5),
      await store.releases.listActive(TEAM),
    ],
    roles: await store.releases.assignments(release.id),
    member: await store.releases.listForMember(TEAM, 'UAMY'),
    schedule: await store.releases.scheduleChanges(ended.id),
    audit: await store.audit.forRelease(release.id),
    timers: await store.timers.pending(),
    interactions: [
      await store.interactions.findView('V0POPULATE', at('2026-11-23T09:00:00Z')),
      await store.interactions.claim('sig:v0=abc', at('2026-11-23T09:00:00Z'), at('2099-01-01T00:00:00Z')),
    ],
    config: await store.cadence.config(release.id),
    occurrences: [
      await store.cadence.find(release.id, 'standup', '2026-11-23'),
      await store.cadence.missed(release.id, 5),
    ],
    standups: [
      await store.standups.listForRelease(release.id),
      await store.standups.answers(p.standup.id),
      await store.standups.dms(p.standup.id),
      await store.releases.absences(release.id),
      await store.homes.viewers(TEAM),
    ],
    risks: [
      await store.risks.list(release.id, { includeClosed: true }),
      await store.risks.history(release.id),
      await store.risks.latestSnapshot(release.id),
      await store.risks.notes(release.id, '2026-11-23'),
    ],
    retro: [await store.retros.find(ended.id), await store.retros.answers(ended.id)],
    decisions: await store.decisions.forRelease(release.id),
    governance: [
      await store.governance.checklist(release.id),
      await store.governance.checklistHistory(release.id),
      await store.governance.handoffs(release.id),
      await store.governance.conflicts(release.id),
      await store.governance.proposal(p.proposal.id),
    ],
    escalations: [
      await store.escalations.listForRelease(release.id),
      await store.escalations.messages(p.escalation.id),
      await store.escalations.levelSettings(TEAM),
      await store.escalations.alertOf(p.escalation.id),
      await store.escalations.activeAlert(release.id, 'checkout-errors'),
      await store.escalations.releaseLevelSettings(release.id),
    ],
    polls: [await store.polls.listForRelease(release.id), await store.polls.votes(p.poll.id)],
    // A posted intent is read back unchanged by a claim; the render lease is still owed.
    intents: await store.intents.claim({ ...p.intent, owner: 'reader', now: at('2026-11-24T00:00:00Z') }),
    renders: await store.renders.pending('poll:1'),
    github: [await store.github.linksOfChannel(TEAM, 'C1'), await store.github.versionsOf(release.id)],
    api: [
      await store.api.tokensOfChannel(TEAM, 'C1'),
      await store.api.tokenByHash('a'.repeat(64)),
      await store.api.rateWindow(p.token.id),
      await store.api.idempotency(p.token.id, 'retry-1'),
      await store.api.deploymentsOf(release.id),
    ],
  };
}
