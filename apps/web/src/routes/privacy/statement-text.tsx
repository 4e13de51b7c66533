import { useTranslation } from 'react-i18next';
import type { PrivacyStatement } from '../../api/privacy-statements';
import { formatDate } from '../../format';
import { plainTextBlocks } from './plain-text-blocks';

/** A statement's version and publication date, and its text as published (paragraphs kept). */
export function StatementMeta({ statement }: { statement: PrivacyStatement }) {
  const { t } = useTranslation();
  return (
    <p className="text-sm text-stone-700">
      {t('privacy.versionOf', { version: statement.version, date: formatDate(statement.publishedAt) })}
    </p>
  );
}

export function StatementText({ text, scroll = false, label }: { text: string; scroll?: boolean; label?: string }) {
  return (
    <div
      // A scrolling region must be reachable by keyboard to be read.
      tabIndex={scroll ? 0 : undefined}
      role={scroll ? 'region' : undefined}
      aria-label={scroll ? label : undefined}
      className={scroll ? 'max-h-72 overflow-y-auto rounded-lg border border-stone-300 bg-white p-4' : undefined}
    >
      <div className="flex max-w-prose flex-col gap-3 text-sm leading-relaxed text-stone-800">
        {plainTextBlocks(text).map((block, i) =>
          block.kind === 'heading' ? (
            <p key={i} className="mt-2 font-semibold text-stone-900">{block.text}</p>
          ) : block.kind === 'list' ? (
            <ul key={i} className="ml-5 list-disc space-y-1">
              {block.items.map((item, j) => <li key={j}>{item}</li>)}
            </ul>
          ) : (
            <p key={i}>{block.text}</p>
          ),
        )}
      </div>
    </div>
  );
}
