import { useLayoutEffect, useRef, type HTMLAttributes, type ReactNode } from 'react';

/**
 * A table that stays readable on a phone: below 640 px each row becomes a stacked block, every cell
 * headed by its column's name, so no column (a status, an action) is ever cut off at the edge.
 * The names are taken from the table's own header row after each render.
 */
export function TableWrap({ children, className = '', ...rest }: { children: ReactNode; className?: string } & Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'className'>) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    for (const table of ref.current?.querySelectorAll('table') ?? []) {
      const heads = [...table.querySelectorAll('thead tr:first-child > *')].map((cell) => cell.textContent.trim());
      for (const row of table.querySelectorAll('tbody tr')) {
        [...row.children].forEach((cell, i) => {
          const label = heads[i] ?? '';
          if (cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
        });
      }
    }
  });
  return (
    <div ref={ref} className={`table-wrap stack ${className}`.trim()} tabIndex={0} {...rest}>
      {children}
    </div>
  );
}
