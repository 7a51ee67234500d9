import type { PipelineMessenger } from '../api/index.ts';
import type { Release } from '../core/domain/release.ts';
import type { GithubLink, NewGithubLink } from './domain/links.ts';

export type GithubVersion = { id: number; releaseId: number; repo: string; tag: string; url: string | null; at: Date };

export type GithubStore = {
  linkOf: (repo: string) => Promise<GithubLink | undefined>;
  /** The channel's links, oldest first. */
  linksOfChannel: (teamId: string, channelId: string) => Promise<GithubLink[]>;
  /** Inserts the link, or replaces the one of the same repository (the caller checked it is this channel's). */
  saveLink: (link: NewGithubLink) => Promise<GithubLink>;
  deleteLink: (id: number) => Promise<void>;
  /** Records a published tag once (the same tag again changes nothing); true when it was new. */
  recordVersion: (version: Omit<GithubVersion, 'id'>) => Promise<boolean>;
  /** The release's published tags, oldest first. */
  versionsOf: (releaseId: number) => Promise<GithubVersion[]>;
};

/** A notice the pipeline API's use cases produced for a GitHub event (a deployment, a failed check). */
export type PipelineNotice = Parameters<PipelineMessenger['announce']>[0];

/** What the channel is told of one GitHub event. Rendered and posted by the Slack gateway. */
export type GithubNotice =
  | { kind: 'connected'; channelId: string; repo: string; htmlUrl: string }
  | {
      kind: 'check';
      release: Release;
      repo: string;
      source: 'workflow' | 'milestone';
      name: string;
      item: { key: string; label: string };
      status: 'passed' | 'failed';
      branch: string | undefined;
      url: string;
      goStale: boolean;
    }
  | { kind: 'deployment'; release: Release; repo: string; state: string; notice: PipelineNotice }
  | { kind: 'version'; release: Release; repo: string; tag: string; url: string; prerelease: boolean };

export type GithubMessenger = {
  /**
   * Posts the notice exactly once for `key` (the delivery): one line in the release's GitHub thread (started once
   * per release), a failed deployment top-level with the rollback button, a greeting once per channel and repository.
   */
  announce: (notice: GithubNotice, key: string) => Promise<void>;
};
