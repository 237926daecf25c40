import { isAppPageUrl } from './appProtocol';

/** Decides which URLs are Navi's own pages: the dev server in development, `navi://app/index.html` otherwise. */
export function createAppUrlCheck(devServerUrl: string | undefined): (url: string) => boolean {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return (url) => {
      try {
        return new URL(url).origin === origin;
      } catch {
        return false;
      }
    };
  }
  return isAppPageUrl;
}
