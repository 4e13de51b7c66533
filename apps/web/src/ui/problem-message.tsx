import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-context';
import { isApiProblem, NETWORK_ERROR, type ApiProblem } from '../api/problem';
import { formatTime } from '../format';
import { currentLanguage } from '../i18n/i18n';
import { Alert } from './alert';
import { Button } from './button';

/** Statuses the catalog explains by themselves when a problem's type is not one it knows. */
const KNOWN_STATUSES = new Set([0, 400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503, 504]);

export interface ProblemText {
  title: string;
  action: string;
}

/**
 * The title and "what to do" of a problem, in the person's language: by its type
 * (`problems.types.<code>`) when the catalog knows it, else by its status (`problems.status.<n>`).
 */
export function useProblemText(error: unknown): ProblemText {
  const { t, i18n } = useTranslation();
  const problem: ApiProblem | undefined = isApiProblem(error) ? error : undefined;
  const code = problem?.status === 0 ? NETWORK_ERROR : problem?.code;
  const seconds = problem?.retryAfterSeconds ?? 0;
  // An overlapping appointment names the one it clashes with (appointment-overlap).
  const at = (member: string) => {
    const value = problem?.member(member);
    return value ? formatTime(value, i18n.language) : '';
  };
  const values = { seconds, currentVersion: problem?.member('currentVersion') ?? '', conflictFrom: at('conflictStartsAt'), conflictTo: at('conflictEndsAt') };
  if (code && i18n.exists(`problems.types.${code}.title`)) {
    const key = `problems.types.${code}` as 'problems.types.not-found';
    return { title: t(`${key}.title`, values), action: t(`${key}.action`, values) };
  }
  // Anything that is not an API problem is this app's own failure: said as HOMi's, like a 500.
  const status = !problem ? 500 : KNOWN_STATUSES.has(problem.status) ? problem.status : problem.status >= 500 ? 500 : 'other';
  const key = `problems.status.${status}` as 'problems.status.other';
  return { title: t(`${key}.title`, values), action: t(`${key}.action`, values) };
}

export interface ProblemMessageProps {
  /** Whatever a query or mutation failed with; an ApiProblem says most. */
  problem: unknown;
  /** Offered for problems that may pass (no answer, 429, 5xx). */
  onRetry?: () => void;
  className?: string;
}

/** Any failure, said in the person's language with what they can do about it. */
export function ProblemMessage({ problem, onRetry, className }: ProblemMessageProps) {
  const { t } = useTranslation();
  const auth = useAuth();
  const text = useProblemText(problem);
  const status = isApiProblem(problem) ? problem.status : 500;
  const transient = status === 0 || status === 429 || status >= 500;
  const signInAgain = status === 401;
  // A refusal a renewed token cannot lift (support's second factor, an irreversible act) needs the password again.
  const fresh = isApiProblem(problem) && (problem.code === 'step-up-required' || problem.code === 'reauthentication-required');
  const again = () => (fresh ? auth.reauthenticate(window.location.pathname, currentLanguage()) : auth.signIn(window.location.pathname, currentLanguage()));
  return (
    <Alert
      tone={transient ? 'warning' : 'danger'}
      title={text.title}
      className={className}
      actions={
        <>
          {signInAgain && (
            <Button size="sm" onClick={() => void again()}>
              {t('auth.signInAgain')}
            </Button>
          )}
          {transient && onRetry && (
            <Button size="sm" variant="secondary" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          )}
        </>
      }
    >
      {text.action}
    </Alert>
  );
}
