// Its own module (no contracts at run time), so main.tsx can name it without growing the sign-in page's bundle.
export const supportRequestKeys = {
  mine: ['support', 'access-requests', 'mine'] as const,
};
