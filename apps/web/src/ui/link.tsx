import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';
import { buttonClasses, type ButtonSize, type ButtonVariant } from './button';
import { cn } from './cn';

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement>;

const TextAnchor = forwardRef<HTMLAnchorElement, AnchorProps>(({ className, ...props }, ref) => (
  <a ref={ref} className={cn('font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900', className)} {...props} />
));
TextAnchor.displayName = 'TextAnchor';

const ButtonAnchor = forwardRef<HTMLAnchorElement, AnchorProps & { variant?: ButtonVariant; size?: ButtonSize }>(
  ({ className, variant, size, ...props }, ref) => <a ref={ref} className={buttonClasses(variant, size, className)} {...props} />,
);
ButtonAnchor.displayName = 'ButtonAnchor';

const RouterTextLink = createLink(TextAnchor);
const RouterButtonLink = createLink(ButtonAnchor);

/** An in-app link that reads as a link (typed routes: `to`, `params`). */
export const Link: LinkComponent<typeof TextAnchor> = (props) => <RouterTextLink preload="intent" {...props} />;

/** An in-app link that looks like a button (e.g. "New client"). */
export const ButtonLink: LinkComponent<typeof ButtonAnchor> = (props) => <RouterButtonLink preload="intent" {...props} />;
