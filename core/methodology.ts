// The metric constants of DESIGN §4, in one place. Configuration defaults, the marts
// and the methodology page all read them from here, so the page cannot drift from the code.

export const METHODOLOGY = {
  /** Days after posted_date a vacancy stays active when it has neither closed_date nor expiry_date. */
  vacancyValidityDays: 89,
  /** Days after registered_date a seeker stays active when neither placed nor deregistered. */
  seekerValidityDays: 179,
  /** Minimum skill coverage for a seeker to be qualified for a vacancy. */
  theta: 0.8,
  /** Smallest person count published; 1 to 4 are withheld. 1 turns withholding off. */
  minCell: 5,
  /** Imbalance index threshold: |I_k| ≥ ln 1.5 marks a shortage or surplus. */
  imbalanceThreshold: Math.log(1.5),
  /** D_k + S_k below this is `insufficient`. */
  insufficientBelow: 10,
  /** Demand (shortage) or supply (surplus) needed before a status is given. */
  statusMinCount: 5,
  /** growth_3m at or above this, with enough volume, marks a skill as emerging. */
  emergingGrowth: 0.25,
  /** New openings requiring the skill in the last 3 months needed to call it emerging. */
  emergingMinOpenings: 20,
  /** Age groups of the seeker profile (lower bounds, years). */
  ageGroups: [15, 25, 35, 45, 55] as const,
} as const;

/** Education order of DESIGN §4: equal rank = equal level. */
export const EDUCATION_RANK: Readonly<Record<string, number>> = {
  SD: 1, SMP: 2, SMA: 3, SMK: 3, D1: 4, D2: 5, D3: 6, D4: 7, S1: 7, S2: 8, S3: 9,
};

type Bilingual = { id: string; en: string };

export interface Definition { key: string; title: Bilingual; formula: string; text: Bilingual }

/**
 * The definitions of DESIGN §4 in words, for the methodology page; the numbers in them
 * come from METHODOLOGY above, the same constants the marts are built with.
 */
export function definitions(constants: { theta: number; minCell: number; vacancyValidityDays: number; seekerValidityDays: number } = METHODOLOGY): Definition[] {
  const theta = constants.theta;
  return [
    {
      key: 'active-vacancy', formula: `posted_date ≤ end(t) ∧ vend ≥ start(t); vend = first of closed_date, expiry_date, posted_date + ${constants.vacancyValidityDays} days`,
      title: { id: 'Lowongan aktif', en: 'Active vacancy' },
      text: {
        id: `Lowongan aktif pada bulan t bila diposting paling lambat akhir bulan dan belum berakhir sebelum awal bulan. Akhir lowongan adalah tanggal ditutup, atau tanggal kedaluwarsa, atau ${constants.vacancyValidityDays} hari setelah diposting.`,
        en: `A vacancy is active in month t when it was posted by the end of the month and had not ended before its start. It ends on its closing date, else its expiry date, else ${constants.vacancyValidityDays} days after posting.`,
      },
    },
    {
      key: 'active-seeker', formula: `registered_date ≤ end(t) ∧ send ≥ start(t); send = first of placed_date, deregistered_date, registered_date + ${constants.seekerValidityDays} days`,
      title: { id: 'Pencari kerja aktif', en: 'Active job seeker' },
      text: {
        id: `Pencari kerja aktif pada bulan t bila terdaftar paling lambat akhir bulan dan belum ditempatkan, dihapus, atau melewati ${constants.seekerValidityDays} hari sejak mendaftar (masa daftar ulang) sebelum awal bulan.`,
        en: `A job seeker is active in month t when registered by the end of the month and not placed, deregistered or past ${constants.seekerValidityDays} days since registering (the re-registration window) before its start.`,
      },
    },
    {
      key: 'flows', formula: 'NO, AO = Σ openings of vacancies posted / active in t; NA, AA = seekers registered / active in t; AO/AA; NO/NA',
      title: { id: 'Arus dan rasio', en: 'Flows and ratios' },
      text: {
        id: 'Lowongan baru (NO) dan aktif (AO) dihitung dalam formasi; pencari kerja baru (NA) dan aktif (AA) dalam orang. Rasio lowongan per pencari kerja: AO/AA dan NO/NA.',
        en: 'New (NO) and active (AO) openings count openings; new (NA) and active (AA) applicants count persons. Openings-to-applicants ratios: AO/AA and NO/NA.',
      },
    },
    {
      key: 'placements', formula: 'PL(t) = placements dated in t (region of the seeker); placement rate = PL/NA; fill rate = PL/NO',
      title: { id: 'Penempatan', en: 'Placements' },
      text: {
        id: 'Penempatan dihitung sekali per (pencari kerja, lowongan), pada bulan penempatan, di wilayah tempat pencari kerja mendaftar. Tingkat penempatan = PL/NA; tingkat pengisian = PL/NO. Lama pengisian: tanggal ditutup − tanggal posting lowongan yang terisi, menurut bulan ditutup (median, persentil 75); lama penempatan: tanggal penempatan − tanggal daftar (median).',
        en: 'A placement counts once per (seeker, vacancy), in its month, in the region where the seeker registered. Placement rate = PL/NA; fill rate = PL/NO. Days to fill: closing minus posting date of filled vacancies, by month of closing (median, 75th percentile); days to placement: placement minus registration date (median).',
      },
    },
    {
      key: 'skill-gap', formula: 'D_k, S_k; R_k = D_k/S_k; I_k = ln(((D_k+0.5)/(AO+0.5)) / ((S_k+0.5)/(AA+0.5)))',
      title: { id: 'Kesenjangan keterampilan', en: 'Skill gap' },
      text: {
        id: `Permintaan D_k: formasi lowongan aktif yang mensyaratkan keterampilan k. Pasokan S_k: pencari kerja aktif yang memilikinya. Indeks ketidakseimbangan I_k membandingkan porsi k dalam permintaan dengan porsinya dalam pasokan. Status: tidak cukup data bila D+S < ${METHODOLOGY.insufficientBelow}; kekurangan bila I ≥ ln 1,5 dan D ≥ ${METHODOLOGY.statusMinCount}; kelebihan bila I ≤ −ln 1,5 dan S ≥ ${METHODOLOGY.statusMinCount}; selain itu seimbang. Formasi tak terpenuhi = max(D − S, 0).`,
        en: `Demand D_k: openings of active vacancies requiring skill k. Supply S_k: active seekers holding it. The imbalance index I_k compares k's share of demand with its share of supply. Status: insufficient when D+S < ${METHODOLOGY.insufficientBelow}; shortage when I ≥ ln 1.5 and D ≥ ${METHODOLOGY.statusMinCount}; surplus when I ≤ −ln 1.5 and S ≥ ${METHODOLOGY.statusMinCount}; otherwise balanced. Unmet openings = max(D − S, 0).`,
      },
    },
    {
      key: 'trend', formula: 'growth_3m = Σ last 3 months / Σ 3 months before − 1',
      title: { id: 'Tren dan keterampilan yang naik', en: 'Trend and emerging skills' },
      text: {
        id: `Pertumbuhan tiga bulan: formasi baru yang mensyaratkan k dalam tiga bulan terakhir dibanding tiga bulan sebelumnya, dikurangi 1. Keterampilan naik (emerging) bila pertumbuhan ≥ ${METHODOLOGY.emergingGrowth * 100}% dan tiga bulan terakhir ≥ ${METHODOLOGY.emergingMinOpenings} formasi.`,
        en: `Three-month growth: new openings requiring k in the last three months over the three before, minus 1. A skill is emerging when growth ≥ ${METHODOLOGY.emergingGrowth * 100}% and the last three months hold ≥ ${METHODOLOGY.emergingMinOpenings} openings.`,
      },
    },
    {
      key: 'matching', formula: `c = |K_v ∩ H_s| / |K_v|; qualified: education met ∧ c ≥ ${theta}; near miss: education met ∧ c < ${theta} ∧ (|K_v ∩ H_s| + 1)/|K_v| ≥ ${theta}`,
      title: { id: 'Pencocokan berbasis keterampilan', en: 'Skill-based matching' },
      text: {
        id: `Dalam provinsi yang sama (atau kabupaten/kota bila dipilih), tanpa keterampilan transversal. Pencari kerja memenuhi syarat bila pendidikannya setidaknya pendidikan minimal (SD < SMP < SMA = SMK < D1 < D2 < D3 < D4 = S1 < S2 < S3; tidak diketahui dianggap terpenuhi) dan cakupannya ≥ ${theta}; kurang satu keterampilan bila satu keterampilan lagi akan memenuhi syarat. Kedalaman kumpulan: jumlah pencari kerja yang memenuhi syarat; sulit diisi bila nol. Keterampilan atau program pelatihan "membuka" pencari kerja bila menambahkannya membuatnya memenuhi syarat untuk setidaknya satu lowongan aktif. Formasi yang dibuka: jumlah formasi lowongan aktif berbeda yang mendapat setidaknya satu pencari kerja yang baru memenuhi syarat (formasi, bukan orang). Formasi yang dapat diisi oleh sebuah program = yang lebih kecil dari pencari kerja yang dibuka dan formasi yang dibuka; program diurutkan menurut angka ini.`,
        en: `Within the same province (or regency when one is chosen), leaving transversal skills out. A seeker is qualified when their education is at least the minimum (SD < SMP < SMA = SMK < D1 < D2 < D3 < D4 = S1 < S2 < S3; unknown counts as met) and coverage ≥ ${theta}; a near miss when one more skill would qualify them. Pool depth: qualified seekers; hard to fill when zero. A skill or training programme unlocks a seeker when adding it makes them qualified for at least one active vacancy. Openings unlocked: the openings of the distinct active vacancies for which at least one seeker becomes newly qualified (posts, not persons). The openings a programme could fill = the lesser of the seekers and the openings it unlocks; programmes are ranked by it.`,
      },
    },
    {
      key: 'privacy', formula: `person counts 1…${constants.minCell - 1} withheld; rates, ratios and medians on them too`,
      title: { id: 'Kerahasiaan', en: 'Confidentiality' },
      text: {
        id: `Jumlah orang antara 1 dan ${constants.minCell - 1} disembunyikan, demikian pula tingkat, rasio atau median yang dihitung darinya. Bila hanya satu wilayah dalam kelompoknya disembunyikan, wilayah terkecil berikutnya ikut disembunyikan agar tidak dapat dihitung dari total. Setiap baris mencantumkan kolom yang disembunyikan.`,
        en: `Person counts between 1 and ${constants.minCell - 1} are withheld, and so are rates, ratios or medians computed from them. When a single region of its group is withheld, the next smallest is withheld too so it cannot be derived from the total. Every row lists the withheld columns.`,
      },
    },
  ];
}
