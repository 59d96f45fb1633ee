// 前へ / 次へ under a paged list: each button is disabled where there is nothing to turn to.
import { useTranslation } from 'react-i18next';

export function Pager({ previous, next, onPrevious, onNext }: { previous: boolean; next: boolean; onPrevious: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="pager">
      <button type="button" disabled={!previous} onClick={onPrevious}>{t('search.previous')}</button>
      <button type="button" disabled={!next} onClick={onNext}>{t('search.next')}</button>
    </div>
  );
}
