import type { Database, Statement } from 'better-sqlite3';

/** One render or print of a sale's receipt, as audited. */
export interface ReceiptPrintRecord {
  readonly id: string;
  readonly saleId: string;
  /** UTC ISO time of the render or print. */
  readonly printedAt: string;
  /** The clerk who asked for it. */
  readonly clerkId: string | null;
  /** False only for the first one (the original); every later one carries COPY. */
  readonly copy: boolean;
  /** `pdf`: rendered for display, saving or browser download; `printer`: sent to a print queue. */
  readonly target: 'pdf' | 'printer';
  readonly printerName: string | null;
  readonly jobId: string | null;
  /** Which receipt: the sale's (default) or its refund's. */
  readonly kind?: 'sale' | 'refund';
}

interface PrintRow {
  id: string;
  sale_id: string;
  printed_at: string;
  clerk_id: string | null;
  copy: number;
  target: 'pdf' | 'printer';
  printer_name: string | null;
  job_id: string | null;
}

/** Named queries over the `receipt_prints` audit log (insert-only). */
export class ReceiptPrintStore {
  private readonly insertRow: Statement;
  private readonly ofSale: Statement;
  private readonly countOfSale: Statement;

  constructor(db: Database) {
    this.insertRow = db.prepare(
      `INSERT INTO receipt_prints (id, sale_id, printed_at, clerk_id, copy, target, printer_name, job_id, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.ofSale = db.prepare(
      'SELECT * FROM receipt_prints WHERE sale_id = ? AND kind = ? ORDER BY printed_at, id',
    );
    this.countOfSale = db.prepare('SELECT COUNT(*) AS n FROM receipt_prints WHERE sale_id = ? AND kind = ?');
  }

  /** Records one render or print. */
  insert(r: ReceiptPrintRecord): void {
    this.insertRow.run(
      r.id,
      r.saleId,
      r.printedAt,
      r.clerkId,
      r.copy ? 1 : 0,
      r.target,
      r.printerName,
      r.jobId,
      r.kind ?? 'sale',
    );
  }

  /** How many times the sale's receipt was rendered or printed. */
  count(saleId: string, kind: 'sale' | 'refund' = 'sale'): number {
    return (this.countOfSale.get(saleId, kind) as { n: number }).n;
  }

  /** The sale's audit trail, oldest first. */
  list(saleId: string, kind: 'sale' | 'refund' = 'sale'): ReceiptPrintRecord[] {
    return (this.ofSale.all(saleId, kind) as PrintRow[]).map((r) => ({
      id: r.id,
      saleId: r.sale_id,
      printedAt: r.printed_at,
      clerkId: r.clerk_id,
      copy: r.copy === 1,
      target: r.target,
      printerName: r.printer_name,
      jobId: r.job_id,
      kind,
    }));
  }
}
