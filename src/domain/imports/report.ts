/** A problem with one row of an import, in Vietnamese for the operator who fixes the file. */
export interface RowProblem {
  line: number;
  message: string;
}

/**
 * What an import did: every import reports bad rows by their number and keeps going, so
 * nothing valid is lost because of a bad row; a re-import of the same file changes nothing.
 */
export interface ImportReport {
  /** Rows read (not counting the header and blank rows). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported, with why. */
  bad: RowProblem[];
  /** Rows imported with something the operator should check (an unknown department …). */
  warnings: RowProblem[];
}

export function emptyReport(): ImportReport {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, bad: [], warnings: [] };
}

/** Called as rows are done, for a progress bar or a line on the terminal; `total` when known. */
export type ImportProgress = (done: number, total?: number) => void;

export interface ImportOptions {
  /** Check everything, write nothing. */
  dryRun?: boolean;
  onProgress?: ImportProgress;
}

/** The report as lines for a terminal or a chat: counts first, then each problem by row. */
export function reportLines(report: ImportReport): string[] {
  return [
    `${report.rows} dòng: thêm mới ${report.created}, cập nhật ${report.updated}, không đổi ${report.unchanged}, lỗi ${report.bad.length}, cần xem lại ${report.warnings.length}`,
    ...report.bad.map((p) => `dòng ${p.line}: LỖI ${p.message}`),
    ...report.warnings.map((p) => `dòng ${p.line}: ${p.message}`),
  ];
}
