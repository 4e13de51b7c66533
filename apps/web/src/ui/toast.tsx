import * as RadixToast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from './cn';

interface ToastMessage {
  id: number;
  title: string;
  tone: 'success' | 'info';
}

const ToastContext = createContext<((title: string, tone?: ToastMessage['tone']) => void) | undefined>(undefined);

/** Short confirmations after an action ("Client saved"), announced to screen readers; F8 reaches them. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const show = useCallback((title: string, tone: ToastMessage['tone'] = 'success') => {
    setToasts((list) => [...list, { id: Date.now() + Math.random(), title, tone }]);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider duration={5000} label={t('common.notification')}>
        {children}
        {toasts.map((toast) => (
          <RadixToast.Root
            key={toast.id}
            onOpenChange={(open) => !open && setToasts((list) => list.filter((one) => one.id !== toast.id))}
            className={cn(
              'flex items-center justify-between gap-4 rounded-lg px-4 py-3 text-sm font-medium shadow-lg',
              toast.tone === 'success' ? 'bg-emerald-900 text-white' : 'bg-stone-900 text-white',
            )}
          >
            <RadixToast.Title>{toast.title}</RadixToast.Title>
            <RadixToast.Close className="rounded px-2 py-1 text-white/90 hover:bg-white/10" aria-label={t('common.close')}>
              ×
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport label={t('common.notifications', { hotkey: '{hotkey}' })} className="fixed bottom-4 left-1/2 z-50 flex w-[calc(100%-2rem)] max-w-sm -translate-x-1/2 flex-col gap-2 outline-none sm:left-auto sm:right-4 sm:translate-x-0" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

/** `toast(t('clients.saved'))` */
export function useToast() {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast needs a ToastProvider');
  return show;
}
