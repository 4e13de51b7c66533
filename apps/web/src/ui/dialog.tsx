import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { ProblemMessage } from './problem-message';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  /** The buttons; a "Close"/"Cancel" button is the caller's to add. */
  footer?: ReactNode;
  /** `alertdialog` for a confirmation that interrupts (delete?). */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal dialog on the native <dialog> element: the page behind it is inert, focus moves in and
 * returns to where it was, Escape closes it. (Radix's Dialog injects a <style> element for its
 * scroll lock, which the app's Content-Security-Policy refuses; ADR "web application".)
 */
export function Dialog({ open, onOpenChange, title, description, children, footer, role = 'dialog' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-modal="true"
      onCancel={(event) => {
        event.preventDefault();
        onOpenChange(false);
      }}
      onClose={() => open && onOpenChange(false)}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl bg-white p-0 text-stone-900 shadow-xl"
    >
      {open && (
        <div className="flex flex-col gap-4 p-6">
          {/* A title may carry a long id (a ticket): it wraps inside the id rather than running out of a phone's dialog. */}
          <h2 id={titleId} className="break-words text-lg font-semibold">{title}</h2>
          {description && <div id={descriptionId} className="text-sm text-stone-700">{description}</div>}
          {children}
          {footer && <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** The button that keeps things as they are; "Cancel" unless that would read as the action itself. */
  cancelLabel?: string;
  onConfirm: () => void;
  busy?: boolean;
  /** The mutation the dialog confirms: busy while it runs, its problem shown inside when it failed. */
  action?: { isPending: boolean; isError: boolean; error: unknown };
  /** Shown inside, e.g. the problem when the action failed. */
  children?: ReactNode;
}

/** "Are you sure?" before an action that cannot be undone; Cancel has the focus first. */
export function ConfirmDialog({ open, onOpenChange, title, description, confirmLabel, cancelLabel, onConfirm, busy: busyProp, action, children }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const busy = busyProp ?? action?.isPending;
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      role="alertdialog"
      title={title}
      description={description}
      footer={
        <>
          <Button variant="secondary" autoFocus onClick={() => onOpenChange(false)} disabled={busy}>
            {cancelLabel ?? t('common.cancel')}
          </Button>
          <Button variant="danger" onClick={onConfirm} busy={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {action?.isError && <ProblemMessage problem={action.error} />}
      {children}
    </Dialog>
  );
}
