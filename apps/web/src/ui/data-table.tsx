import type { ReactNode } from 'react';
import { cn } from './cn';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from './table';

export interface Column<T> {
  header: ReactNode;
  /** On the header and every cell of the column (e.g. `hidden sm:table-cell`, `text-right`). */
  className?: string;
  /** On the cells only (wrapping, figures). */
  cellClassName?: string;
  cell: (row: T) => ReactNode;
}

/** A table of rows, one column declaration each: its header, and what each row shows in it. */
export function DataTable<T>({ caption, rows, rowKey, columns }: {
  caption: string;
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  columns: readonly Column<T>[];
}) {
  return (
    <Table caption={caption}>
      <TableHead>
        <tr>
          {columns.map((column, i) => <TableHeaderCell key={i} className={column.className}>{column.header}</TableHeaderCell>)}
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)}>
            {columns.map((column, i) => <TableCell key={i} className={cn(column.className, column.cellClassName)}>{column.cell(row)}</TableCell>)}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
