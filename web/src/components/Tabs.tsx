// Tabs as WAI-ARIA describes them: arrow keys move between tabs, the panel is labelled by its tab.
import type { ReactNode } from 'react';

export function Tabs({ tabs, current, onChange, label, children }: { tabs: readonly (readonly [id: string, label: string])[]; current: string; onChange: (id: string) => void; label: string; children: ReactNode }) {
  const move = (step: number) => {
    const index = tabs.findIndex(([id]) => id === current);
    const next = tabs[(index + step + tabs.length) % tabs.length][0];
    onChange(next);
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map(([id, text]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={id === current}
            aria-controls={`panel-${id}`}
            tabIndex={id === current ? 0 : -1}
            onClick={() => onChange(id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(1);
              if (e.key === 'ArrowLeft') move(-1);
            }}
          >
            {text}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
