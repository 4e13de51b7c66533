import { identityApi } from '@homi/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemoveMember, useUpdateMember, type Member } from '../../api/members';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Badge, Button, ConfirmDialog, PageHeader, ProblemMessage, useToast } from '../../ui';
import type { MatrixValues } from './permission-matrix';
import { RoleAndPermissions } from './role-and-permissions';
import { mayTouch } from './rules';

export interface MemberEditorProps {
  member: Member;
  members: Member[];
  meId: string;
  back: ReactNode;
  /** What the page adds about this colleague below the role and permissions (their working hours). */
  children?: ReactNode;
}

/**
 * A colleague's role and matrix, and their removal. What the API obviously refuses (your own
 * membership, someone ranked above you, demoting or removing the last owner) is switched off with
 * the reason; anything else it refuses is shown as it answers.
 */
export function MemberEditor({ member, members, meId, back, children }: MemberEditorProps) {
  const { t } = useTranslation();
  const actor = useTenant();
  const { tenantId, instituteName } = actor;
  const canEdit = useCan('users', 'edit');
  const update = useUpdateMember(tenantId, member.userId);
  const remove = useRemoveMember(tenantId);
  const navigate = useNavigate();
  const toast = useToast();
  const [problem, setProblem] = useState<unknown>();
  const [confirming, setConfirming] = useState(false);
  const form = useContractForm<MatrixValues, typeof identityApi.UpdateMember>(identityApi.UpdateMember, {
    defaultValues: { role: member.role, permissions: member.permissions },
  });
  const touch = mayTouch(actor, meId, member);
  const lastOwner = member.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1;
  const editable = canEdit && touch === 'yes';

  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      const saved = await update.mutateAsync(body);
      form.reset({ role: saved.role, permissions: saved.permissions });
      toast(t('admin.colleagues.saved'));
    } catch (error) {
      setProblem(applyProblem(error, form));
    }
  });
  const removeMember = () =>
    remove.mutate(member.userId, {
      onSuccess: () => {
        setConfirming(false);
        toast(t('admin.colleagues.removed', { name: member.name }));
        void navigate({ to: '/t/$tenantId/colleagues', params: { tenantId } });
      },
    });

  return (
    <>
      <PageHeader
        title={member.name}
        description={<span className="flex flex-wrap items-center gap-2"><span className="break-all">{member.email}</span><Badge>{t(`admin.roles.${member.role}`)}</Badge></span>}
        back={back}
      />
      {touch === 'own' && <Alert className="mb-6" title={t('admin.colleagues.own.title')}>{t('admin.colleagues.own.text')}</Alert>}
      {touch === 'outranked' && canEdit && <Alert className="mb-6" title={t('admin.colleagues.outranked.title')}>{t('admin.colleagues.outranked.text')}</Alert>}
      {!canEdit && <Alert className="mb-6" title={t('admin.colleagues.viewOnly')} />}
      <form noValidate onSubmit={submit} aria-labelledby="edit-member" className="flex max-w-3xl flex-col gap-6">
        <h2 id="edit-member" className="text-lg font-semibold">{t('admin.colleagues.editTitle')}</h2>
        {problem !== undefined && <ProblemMessage problem={problem} />}
        {lastOwner && editable && <p className="text-sm text-stone-700">{t('admin.colleagues.lastOwner')}</p>}
        <RoleAndPermissions form={form} actor={actor} saved={member} disabled={!editable} lockedRole={lastOwner ? 'owner' : undefined} />
        {editable && (
          <div>
            <Button type="submit" busy={form.formState.isSubmitting} disabled={!form.formState.isDirty}>{t('admin.colleagues.save')}</Button>
          </div>
        )}
      </form>
      {children}
      {editable && (
        <section aria-labelledby="remove-member" className="mt-10 flex max-w-3xl flex-col gap-3 rounded-xl border border-red-200 bg-white p-5">
          <h2 id="remove-member" className="text-lg font-semibold">{t('admin.colleagues.removeTitle')}</h2>
          <p className="text-sm text-stone-700">{t('admin.colleagues.removeText', { name: member.name, institute: instituteName })}</p>
          <div>
            <Button variant="danger" disabled={lastOwner} onClick={() => { remove.reset(); setConfirming(true); }}>{t('admin.colleagues.remove')}</Button>
          </div>
        </section>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('admin.colleagues.removeConfirmTitle', { name: member.name })}
        description={t('admin.colleagues.removeText', { name: member.name, institute: instituteName })}
        confirmLabel={t('admin.colleagues.removeConfirm')}
        onConfirm={removeMember}
        action={remove}
      />
    </>
  );
}
