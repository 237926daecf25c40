import type { AttachmentPart } from '../../../../shared/contract';
import { formatBytes } from '../../../../shared/contract/limits';

/** "PDF · 3 pages · 1.2 MB", "text/csv · 120 lines · 3 KB". */
export function fileFacts(file: AttachmentPart): string {
  const facts = [file.kind === 'pdf' ? 'PDF' : file.mediaType];
  if (file.kind === 'pdf' && file.pages !== undefined) facts.push(`${file.pages} page${file.pages === 1 ? '' : 's'}`);
  if (file.kind === 'text' && file.lines !== undefined) facts.push(`${file.lines} line${file.lines === 1 ? '' : 's'}`);
  facts.push(formatBytes(file.size));
  return facts.join(' · ');
}
