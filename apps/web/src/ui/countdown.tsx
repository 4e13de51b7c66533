import { useEffect, useRef, useState } from 'react';

const pad = (n: number) => String(n).padStart(2, '0');

/** 1:05:09 or 05:09 */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

export interface CountdownProps {
  /** ISO date-time the countdown runs to. */
  until: string;
  /** Called once when the time is up (e.g. to fetch the ended state). */
  onElapsed?: () => void;
  className?: string;
}

/**
 * The time left to `until`, ticking every second. Only this element re-renders; it is a `timer`,
 * which assistive technology does not announce on every tick — pair it with a static "ends at".
 */
export function Countdown({ until, onElapsed, className }: CountdownProps) {
  const end = Date.parse(until);
  const [now, setNow] = useState(() => Date.now());
  const elapsed = useRef(onElapsed);
  elapsed.current = onElapsed;
  const left = end - now;

  useEffect(() => {
    if (left <= 0) return;
    // The next tick lands on the second's boundary, so the display never skips or repeats a second.
    const timer = setTimeout(() => setNow(Date.now()), (left % 1000 || 1000) + 1);
    return () => clearTimeout(timer);
  }, [left]);

  const done = left <= 0;
  useEffect(() => {
    if (done) elapsed.current?.();
  }, [done]);

  return (
    <span role="timer" aria-live="off" className={className}>
      <time dateTime={`PT${Math.max(0, Math.ceil(left / 1000))}S`}>{formatTimeLeft(left)}</time>
    </span>
  );
}
