import { useTranslation } from 'react-i18next';
import { useCancelEmailChange } from '../../api/account';
import type { Me } from '../../api/me';
import { formatDateTime } from '../../format';
import { Alert, Button, ProblemMessage, useToast } from '../../ui';

/** A new address waiting for its mailbox: where the link went, until when, and a way to withdraw it. */
export function PendingEmail({ me }: { me: Me }) {
  const { t } = useTranslation();
  const toast = useToast();
  const cancel = useCancelEmailChange();
  if (!me.pendingEmail) return null;
  return (
    <Alert
      tone="info"
      title={t('myAccount.pending.title')}
      actions={
        <Button size="sm" variant="secondary" busy={cancel.isPending} onClick={() => cancel.mutate(undefined, { onSuccess: () => toast(t('myAccount.pending.cancelled')) })}>
          {t('myAccount.pending.cancel')}
        </Button>
      }
    >
      <p>{t('myAccount.pending.text', { email: me.pendingEmail.email, current: me.email, until: formatDateTime(me.pendingEmail.expiresAt) })}</p>
      {cancel.isError && <ProblemMessage className="mt-2" problem={cancel.error} />}
    </Alert>
  );
}
