// Two sources of vacancies (issue 16) small enough to work out by hand: karirhub, and a job
// board that re-posts three of its jobs (rewritten) beside near-but-different ones.
export interface V { id: string; title: string; employer?: string; posted: string; openings: number; regency?: string; closed?: string; status?: string; description?: string }

export function sourceCsv(source: string, rows: V[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = 'vacancy_id,source,posted_date,closed_date,status,job_title,employer,province_code,regency_code,education_min,openings,skills,description';
  return [header, ...rows.map((r) => [r.id, source, r.posted, r.closed ?? '', r.status ?? 'open', r.title, r.employer ?? '', '32', r.regency ?? '32.73', 'SMK', String(r.openings), 'las; SMAW', r.description ?? ''].map(quote).join(','))].join('\n') + '\n';
}

const WAREHOUSE = 'Mengelola stok barang di gudang bahan baku pabrik tekstil, pencatatan keluar masuk barang harian dan laporan persediaan bulanan.';
const KITCHEN = 'Memasak menu harian untuk kantin karyawan pabrik, menjaga kebersihan dapur dan mengatur persediaan bahan makanan.';
const RETAIL = 'Melayani pelanggan toko retail, menyusun display produk dan menghitung kas penjualan setiap shift bersama tim kasir.';

export const KARIRHUB: V[] = [
  { id: 'K1', title: 'Operator Produksi', employer: 'PT Sinar Jaya', posted: '2025-03-03', openings: 3 },
  { id: 'K2', title: 'Teknisi Listrik', employer: 'PT Karya Utama', posted: '2025-03-05', openings: 2 },
  { id: 'K3', title: 'Staf Akuntansi', employer: 'PT Sinar Jaya', posted: '2025-03-03', openings: 1 },
  { id: 'K4', title: 'Kasir', employer: 'PT Abadi', posted: '2025-03-03', openings: 1 },
  { id: 'K5', title: 'Sopir', employer: 'CV Makmur', posted: '2025-01-06', closed: '2025-01-20', status: 'filled', openings: 1 },
  { id: 'K6', title: 'Satpam', employer: 'PT Alpha', posted: '2025-03-03', openings: 1 },
  { id: 'K7', title: 'Juru Masak', posted: '2025-03-03', openings: 1, description: KITCHEN },
  { id: 'K9', title: 'Tukang Las', posted: '2025-03-03', openings: 1 },
  { id: 'K8', title: 'Admin Gudang', employer: 'PT Delta', posted: '2025-03-03', openings: 1, description: WAREHOUSE },
];
export const JOBBOARD: V[] = [
  // the same jobs, as a board rewrites them
  { id: 'J1', title: 'Dibutuhkan OPERATOR PRODUKSI - Kota Bandung', employer: 'Sinar Jaya, PT', posted: '2025-03-10', openings: 3 },
  { id: 'J2', title: 'Teknisi Lsitrik', employer: 'PT. Karya Utama', posted: '2025-03-06', openings: 2 },
  { id: 'J7', title: 'Juru Masak', employer: 'PT Gamma', posted: '2025-03-04', openings: 1, description: `${KITCHEN} Kirim lamaran segera.` },
  // near but different
  { id: 'J3', title: 'Staf Administrasi', employer: 'PT Sinar Jaya', posted: '2025-03-04', openings: 1 },         // another job of the same employer
  { id: 'J4', title: 'Kasir', employer: 'PT Abadi', posted: '2025-03-03', openings: 1, regency: '32.04' },          // another place
  { id: 'J5', title: 'Sopir', employer: 'CV Makmur', posted: '2025-05-05', openings: 1 },                            // months after K5 closed
  { id: 'J6', title: 'Satpam', employer: 'PT Beta', posted: '2025-03-03', openings: 1 },                             // another employer
  { id: 'J8', title: 'Admin Gudang', employer: 'PT Delta', posted: '2025-03-03', openings: 1, description: RETAIL },  // another description
  { id: 'J9', title: 'Tukang Las', posted: '2025-03-05', openings: 1 },                                             // no employer, no description: not enough to merge
];
