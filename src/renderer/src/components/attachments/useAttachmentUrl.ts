import { useEffect, useState } from 'react';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { attachmentUrls } from './attachmentUrls';

export type AttachmentUrlState = { readonly url?: string; readonly error?: string };

/** A stored file as an object URL while the component shows it. */
export function useAttachmentUrl(id: string): AttachmentUrlState {
  const api = useApi();
  const [state, setState] = useState<AttachmentUrlState>({});
  useEffect(() => {
    const urls = attachmentUrls(api);
    let live = true;
    urls
      .acquire(id)
      .then((url) => live && setState({ url }))
      .catch((error: unknown) => live && setState({ error: errorMessage(error) }));
    return () => {
      live = false;
      urls.release(id);
    };
  }, [api, id]);
  return state;
}
