/**
 * The `file` object as Slack's Web API answers carry it (files.completeUploadExternal, and each message's `files` in
 * conversations.history / replies), and where its bytes are served (`url_private`, which needs the bot token, as in
 * Slack).
 */
import type { FileRecord, Json, Workspace } from './workspace.ts';

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  md: 'text/markdown',
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  pdf: 'application/pdf',
};

export function fileType(filename: string): { filetype: string; mimetype: string } {
  const extension = filename.includes('.') ? (filename.split('.').pop() ?? '').toLowerCase() : '';
  return { filetype: extension || 'text', mimetype: MIME_TYPES[extension] ?? 'application/octet-stream' };
}

export function toSlackFile(ws: Workspace, file: FileRecord): Json {
  const { filetype, mimetype } = fileType(file.filename);
  const shared = file.channel !== undefined;
  return {
    id: file.id,
    created: Math.floor(ws.now() / 1000),
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype,
    filetype,
    user: ws.botUserId,
    size: file.content?.length ?? file.length,
    ...(file.altText ? { alt_txt: file.altText } : {}),
    is_public: shared && !ws.channels.get(file.channel ?? '')?.isPrivate,
    channels: shared ? [file.channel] : [],
    url_private: `${ws.baseUrl}/files/${file.id}/${encodeURIComponent(file.filename)}`,
    url_private_download: `${ws.baseUrl}/files/${file.id}/download/${encodeURIComponent(file.filename)}`,
    permalink: `https://${ws.teamDomain}.slack.com/files/${ws.botUserId}/${file.id}/${file.filename}`,
  };
}

/** `GET /files/<id>/<name>` and `/files/<id>/download/<name>`: the file's bytes for a caller with the token. */
export function servedFile(
  ws: Workspace,
  path: string,
  token: string | undefined,
): { status: number; body: Buffer | string; headers: Record<string, string> } {
  const match = /^\/files\/([A-Z0-9]+)\/(download\/)?([^/]+)$/.exec(path);
  const file = match?.[1] ? ws.files.get(match[1]) : undefined;
  const named = match?.[3] !== undefined && decodeURIComponent(match[3]) === file?.filename;
  if (!match || !named || !file?.completed || file.content === undefined)
    return { status: 404, body: 'file_not_found', headers: {} };
  if (token !== ws.token) return { status: 403, body: 'invalid_auth', headers: {} };
  const { mimetype } = fileType(file.filename);
  const disposition = `${match[2] ? 'attachment' : 'inline'}; filename="${file.filename.replace(/"/g, '')}"`;
  return { status: 200, body: file.content, headers: { 'content-type': mimetype, 'content-disposition': disposition } };
}
