// Its own module (no contracts at run time), so main.tsx can name it without growing the sign-in page's bundle.
export const supportRequestKeys = {
  all: ['support', 'access-requests'] as const,
  mine: ['support', 'access-requests', 'mine'] as const,
  awaitingCoApproval: ['support', 'access-requests', 'awaiting-co-approval'] as const,
};
