import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pageFileCaching, pageFileType } from '../core/pageFiles/pageFiles';

export function sendFile(response: ServerResponse, file: string, headers: Record<string, string>): void {
  response.writeHead(200, { ...headers, 'Content-Type': pageFileType(file), 'Cache-Control': pageFileCaching(file) });
  // A file removed or unreadable after the check ends this response only.
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}
