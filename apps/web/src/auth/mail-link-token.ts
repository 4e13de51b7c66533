import { identityApi } from '@homi/contracts';
import { useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';

/** The code a mailed link carries in its fragment (`#token=…`): browsers never send a fragment anywhere. */
export function tokenOfFragment(hash: string): string | undefined {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
  return value && identityApi.mailToken.safeParse(value).success ? value : undefined;
}

export interface MailLinkToken {
  /** The code, if the link held a well-formed one. */
  token?: string;
  /** The link held a fragment, but no well-formed code (cut off when copied, say). */
  malformed: boolean;
  /** This page with the code in its fragment: where a sign-in started here returns to. */
  returnTo: string;
}

const read = ({ hash, pathname }: Location) => ({ token: tokenOfFragment(hash), malformed: hash.length > 1 && !tokenOfFragment(hash), pathname });

/**
 * Takes the code out of the address bar into this page's memory, so it shows in no screenshot,
 * history entry or shared address; a sign-in started here carries it back (see Auth.signIn). A link
 * opened again in the same tab (only the fragment changes) is read afresh.
 */
export function useMailLinkToken(): MailLinkToken {
  const router = useRouter();
  const hash = useRouterState({ select: (state) => state.location.hash });
  const [found, setFound] = useState(() => read(window.location));
  useEffect(() => {
    if (!window.location.hash) return;
    setFound(read(window.location));
    router.history.replace(window.location.pathname);
  }, [router, hash]);
  return {
    token: found.token,
    malformed: found.malformed,
    returnTo: found.token ? `${found.pathname}#token=${found.token}` : found.pathname,
  };
}
