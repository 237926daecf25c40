import { pathToFileURL } from 'node:url';

/** Decides which URLs are Navi's own pages: the dev server in development, the built files otherwise. */
export function createAppUrlCheck(
  devServerUrl: string | undefined,
  rendererIndexFile: string,
): (url: string) => boolean {
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
  const index = pathToFileURL(rendererIndexFile).href;
  return (url) => url.split(/[?#]/)[0] === index;
}
