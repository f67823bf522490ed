/** One bar per option; the count and share are text, the correct one gets "✓ correct" once revealed. */
export interface DistributionItem {
  key: string;
  marker: string;
  label: string;
  count: number;
  correct?: boolean;
}

export function DistributionBars({
  items,
  total,
  title = "Answers so far",
}: {
  items: DistributionItem[];
  total: number;
  title?: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <figure aria-label={title}>
      <ul className="space-y-2">
        {items.map((item) => {
          const pct = total > 0 ? Math.round((item.count / total) * 100) : 0;
          return (
            <li key={item.key} className="grid grid-cols-[minmax(0,1fr)] gap-1 text-base">
              <div className="flex items-baseline justify-between gap-3">
                <span className="min-w-0 break-words font-semibold">
                  <span className="mr-2 font-mono" aria-hidden="true">
                    {item.marker}
                  </span>
                  {item.label}
                  {item.correct ? <span className="ml-2 font-bold text-ok">✓ correct</span> : null}
                </span>
                <span className="shrink-0 font-mono font-bold">
                  {item.count}
                  <span className="ml-1 font-normal text-muted">({pct}%)</span>
                </span>
              </div>
              <div className="h-3 w-full rounded bg-slate-200" aria-hidden="true">
                <div
                  className={`h-full rounded transition-[width] duration-300 motion-reduce:transition-none ${item.correct ? "bg-ok" : "bg-brand"}`}
                  style={{ width: `${(item.count / max) * 100}%` }}
                />
              </div>
            </li>
          );
        })}
      </ul>
      <figcaption className="mt-2 text-sm text-muted">
        {total} {total === 1 ? "answer" : "answers"}
      </figcaption>
    </figure>
  );
}
