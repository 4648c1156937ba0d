import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Copies a text to the clipboard. Where the browser gives no clipboard (a page over plain HTTP on
 * another address is not a secure context), the text is selected instead, for Ctrl+C.
 */
export function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<'copied' | 'selected' | null>(null);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), 2500);
    return () => clearTimeout(timer);
  }, [done]);
  const selectNeighbour = (button: HTMLButtonElement) => {
    const code = button.parentElement?.querySelector('code');
    const selection = window.getSelection();
    if (!code || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(code);
    selection.removeAllRanges();
    selection.addRange(range);
    setDone('selected');
  };
  return (
    <button
      type="button"
      className="button copy-button"
      onClick={(e) => {
        const button = e.currentTarget;
        if (!navigator.clipboard) return selectNeighbour(button);
        navigator.clipboard.writeText(text).then(
          () => setDone('copied'),
          () => selectNeighbour(button),
        );
      }}
    >
      {done === 'copied' ? t('account.copied') : done === 'selected' ? t('account.selected') : t('account.copy')}
    </button>
  );
}
