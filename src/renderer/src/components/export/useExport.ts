import { useState } from 'react';
import type { PreparedExport } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { startDownload } from './transfer';

export type ExportChoice = 'markdown' | 'json' | 'copy' | 'archive';

export const EXPORT_CHOICES: readonly {
  readonly choice: ExportChoice;
  readonly label: string;
  readonly hint: string;
}[] = [
  { choice: 'markdown', label: 'Markdown', hint: 'Every branch, readable (.md)' },
  { choice: 'json', label: 'JSON', hint: 'Every branch and file, to import again (.navi.json)' },
  { choice: 'copy', label: 'Copy conversation', hint: 'As Markdown, to the clipboard' },
  { choice: 'archive', label: 'All conversations', hint: 'Everything with its files (.zip)' },
];

const DONE: Readonly<Record<ExportChoice, string>> = {
  markdown: 'Saved as Markdown.',
  json: 'Saved as JSON.',
  copy: 'Copied the conversation as Markdown.',
  archive: 'Saved every conversation.',
};

/** A word on how an action in the header went (an error stays until dismissed). */
export interface HeaderStatus {
  readonly text: string;
  readonly error?: boolean;
}

/** Exports a conversation (or everything): reads what the core made in chunks and saves or copies it, reporting progress. */
export function useExport(sessionId: string, report: (status: HeaderStatus) => void) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const run = async (choice: ExportChoice): Promise<void> => {
    setBusy(true);
    report({ text: choice === 'archive' ? 'Preparing every conversation…' : 'Preparing…' });
    try {
      if (choice === 'copy') {
        const { markdown } = await api.exports.markdown({ sessionId });
        await navigator.clipboard.writeText(markdown);
      } else {
        const prepared: PreparedExport =
          choice === 'archive'
            ? await api.exports.archive()
            : await api.exports.conversation({ sessionId, format: choice });
        // The desktop asks where with the system's save dialog; the browser downloads the file.
        if ((await api.shell.get()).supports.saveDialog) {
          const saved = await api.shell.saveExport({ exportId: prepared.exportId, fileName: prepared.fileName });
          if (!saved.saved) return report({ text: 'Not saved.' });
        } else {
          const { url } = await api.shell.downloadExport({ exportId: prepared.exportId, fileName: prepared.fileName });
          startDownload(url, prepared.fileName);
        }
      }
      report({ text: DONE[choice] });
    } catch (error) {
      report({ text: `Could not export: ${errorMessage(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}
