/**
 * files.getUploadURLExternal and files.completeUploadExternal; the upload step itself (POST to `upload_url`) is
 * served by server.ts. Together they make `client.files.uploadV2(...)` work end to end.
 */
import { toSlackFile } from '../files.ts';
import { storeMessage } from '../messages.ts';
import { type FileRecord, findChannelForBot, type Json, nextId } from '../workspace.ts';
import { fail, invalidArguments, type MethodHandler, ok, str } from './method.ts';

export const getUploadURLExternal: MethodHandler = (ws, params) => {
  const filename = str(params, 'filename');
  const length = Number(str(params, 'length'));
  const missing = [filename ? undefined : 'filename', str(params, 'length') ? undefined : 'length'].filter(Boolean);
  if (missing.length > 0) return invalidArguments(missing.map((m) => `missing required field: ${m}`));
  if (!Number.isInteger(length) || length < 1) return invalidArguments(['length must be a positive integer']);
  const id = nextId(ws, 'F');
  ws.files.set(id, {
    id,
    filename: filename ?? '',
    length,
    altText: str(params, 'alt_text') ?? str(params, 'alt_txt'),
    snippetType: str(params, 'snippet_type'),
    completed: false,
  });
  return ok({ upload_url: `${ws.baseUrl}/upload/v1/${id}`, file_id: id });
};

export const completeUploadExternal: MethodHandler = (ws, params) => {
  const files = params.files;
  if (!Array.isArray(files) || files.length === 0) return invalidArguments(['missing required field: files']);
  const records: FileRecord[] = [];
  for (const entry of files) {
    const id = typeof entry === 'object' && entry !== null ? (entry as Json).id : undefined;
    const record = typeof id === 'string' ? ws.files.get(id) : undefined;
    if (!record || record.content === undefined || record.completed) return fail('file_not_found');
    records.push(record);
  }
  const channelParam = str(params, 'channel_id') ?? str(params, 'channels')?.split(',')[0];
  const channel = channelParam ? findChannelForBot(ws, channelParam) : undefined;
  if (channelParam && !channel) return fail('channel_not_found');
  const threadTs = str(params, 'thread_ts');
  const initialComment = str(params, 'initial_comment');
  records.forEach((record, i) => {
    const title = (files[i] as Json).title;
    record.title = typeof title === 'string' ? title : record.filename;
    record.completed = true;
    record.channel = channel?.id;
    record.threadTs = threadTs;
    record.initialComment = initialComment;
  });
  if (channel) {
    const message = storeMessage(ws, {
      channel: channel.id,
      user: ws.botUserId,
      botId: ws.botId,
      text: initialComment ?? '',
      blocks: [],
      files: records.map((r) => r.id),
      threadTs,
    });
    for (const record of records) record.messageTs = message.ts;
  }
  return ok({ files: records.map((r) => toSlackFile(ws, r)) });
};
