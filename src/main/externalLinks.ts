import type { Logger } from '../core/ports';
import type { DesktopElectron } from './electronApi';

export interface ExternalLink {
  /** The normalised address (punycode host, escaped path): what the dialog shows and the OS opens. */
  readonly href: string;
  readonly kind: 'web' | 'mail';
  /** Where it goes: the host name, or the mail address. */
  readonly destination: string;
}

/** Only web and mail links may leave the app; anything else (file:, javascript:, custom schemes) never opens. */
export function parseExternalLink(url: string): ExternalLink | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'mailto:') {
    const address = decodeURIComponent(parsed.pathname);
    return address ? { href: parsed.href, kind: 'mail', destination: address } : undefined;
  }
  if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname) {
    return { href: parsed.href, kind: 'web', destination: parsed.host };
  }
  return undefined;
}

export interface LinkOpenerOptions {
  readonly electron: Pick<DesktopElectron, 'dialog' | 'shell'>;
  readonly logger: Logger;
}

/**
 * Opens a link a page asked for in the person's browser or mail app, after a native dialog shows
 * exactly where it goes (a link's text can say anything). "Don't ask again" lasts until Navi quits,
 * per host.
 */
export function createLinkOpener({ electron, logger }: LinkOpenerOptions): (url: string) => Promise<boolean> {
  const trustedHosts = new Set<string>();
  return async (url) => {
    const link = parseExternalLink(url);
    if (!link) {
      logger.warn(`Refused to open a link that is not http, https or mailto: ${url.slice(0, 200)}`);
      return false;
    }
    if (link.kind === 'web' && trustedHosts.has(link.destination)) {
      await electron.shell.openExternal(link.href);
      return true;
    }
    const web = link.kind === 'web';
    const { response, checkboxChecked } = await electron.dialog.showMessageBox({
      type: 'question',
      title: 'Open link',
      message: web ? `Open ${link.destination} in your browser?` : `Write an email to ${link.destination}?`,
      detail: link.href,
      buttons: [web ? 'Open Link' : 'Write Email', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
      ...(web ? { checkboxLabel: `Open links to ${link.destination} without asking until Navi quits` } : {}),
    });
    if (response !== 0) return false;
    if (web && checkboxChecked) trustedHosts.add(link.destination);
    await electron.shell.openExternal(link.href);
    return true;
  };
}
