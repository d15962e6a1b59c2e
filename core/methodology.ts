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
  /** D_k + S_k below this gets no relative status ('insufficient'), so rankings ignore small skills. */
  rankingMinVolume: 30,
  /** A change on a base below this is shown as a difference, never as a percentage. */
  smallBase: 30,
  /** Months of data growth_3m (and so emerging skills) needs: the last three and the three before. */
  trendMonths: 6,
  /** growth_3m at or above this, with enough volume, marks a skill as emerging. */
  emergingGrowth: 0.25,
  /** New openings requiring the skill in the last 3 months needed to call it emerging. */
  emergingMinOpenings: 20,
  /**
   * A file whose share of rows loaded (rows loaded / rows read) is below this failed: the run
   * is `partial` (exit code 2), with the share and the top quarantine reasons in the run record.
   */
  minFileLoadedShare: 0.5,
  /** Quarantine reasons a failed file's record names, most frequent first. */
  topQuarantineReasons: 3,
  /** Duplicate vacancies (pipelines/sql/marts/00_duplicates.sql): days the activity windows may miss each other by. */
  duplicateSlackDays: 14,
  /** Duplicate vacancies: title similarity needed when both name the same employer. */
  duplicateTitleSimilarity: 0.85,
  /** Title similarity needed when one of the two names no employer (candidates then share the normalised title). */
  duplicateTitleOnlySimilarity: 0.95,
  /** Overlap of the description word sketches needed when both have a description. */
  duplicateDescriptionSimilarity: 0.3,
  /** Age groups of the seeker profile (lower bounds, years). */
  ageGroups: [15, 25, 35, 45, 55] as const,
} as const;

/** Education order of DESIGN §4: equal rank = equal level. */
export const EDUCATION_RANK: Readonly<Record<string, number>> = {
  SD: 1, SMP: 2, SMA: 3, SMK: 3, D1: 4, D2: 5, D3: 6, D4: 7, S1: 7, S2: 8, S3: 9,
};

type Bilingual = { id: string; en: string };

export interface Definition {
  key: string; title: Bilingual;
  /** The formula in English notation, and the same words in Indonesian (formulaId). */
  formula: string; formulaId: string;
  text: Bilingual;
}

/**
 * The definitions of DESIGN §4 in words, for the methodology page; the numbers in them
 * come from METHODOLOGY above, the same constants the marts are built with.
 */
export function definitions(constants: { theta: number; minCell: number; vacancyValidityDays: number; seekerValidityDays: number; disclosure?: 'suppress' | 'round' } = METHODOLOGY): Definition[] {
  const k = constants.minCell;
  const round = constants.disclosure === 'round';
  const theta = constants.theta;
  const thetaId = String(theta).replace('.', ',');
  return [
    {
      key: 'active-vacancy', formula: `posted_date ≤ end(t) ∧ vend ≥ start(t); vend = first of closed_date, expiry_date, posted_date + ${constants.vacancyValidityDays} days`,
      formulaId: `posted_date ≤ akhir(t) ∧ vend ≥ awal(t); vend = yang pertama ada dari closed_date, expiry_date, posted_date + ${constants.vacancyValidityDays} hari`,
      title: { id: 'Lowongan aktif', en: 'Active vacancy' },
      text: {
        id: `Lowongan aktif pada bulan t bila diposting paling lambat akhir bulan dan belum berakhir sebelum awal bulan. Akhir lowongan adalah tanggal ditutup, atau tanggal kedaluwarsa, atau ${constants.vacancyValidityDays} hari setelah diposting.`,
        en: `A vacancy is active in month t when it was posted by the end of the month and had not ended before its start. It ends on its closing date, else its expiry date, else ${constants.vacancyValidityDays} days after posting.`,
      },
    },
    {
      key: 'active-seeker', formula: `registered_date ≤ end(t) ∧ send ≥ start(t); send = first of placed_date, deregistered_date, registered_date + ${constants.seekerValidityDays} days`,
      formulaId: `registered_date ≤ akhir(t) ∧ send ≥ awal(t); send = yang pertama ada dari placed_date, deregistered_date, registered_date + ${constants.seekerValidityDays} hari`,
      title: { id: 'Pencari kerja aktif', en: 'Active job seeker' },
      text: {
        id: `Pencari kerja aktif pada bulan t bila terdaftar paling lambat akhir bulan dan belum ditempatkan, dihapus, atau melewati ${constants.seekerValidityDays} hari sejak mendaftar (masa daftar ulang) sebelum awal bulan.`,
        en: `A job seeker is active in month t when registered by the end of the month and not placed, deregistered or past ${constants.seekerValidityDays} days since registering (the re-registration window) before its start.`,
      },
    },
    {
      key: 'flows', formula: 'NO, AO = Σ openings of vacancies posted / active in t; NA, AA = seekers registered / active in t; AO/AA; NO/NA',
      formulaId: 'NO, AO = Σ formasi lowongan yang diposting / aktif pada t; NA, AA = pencari kerja yang mendaftar / aktif pada t; AO/AA; NO/NA',
      title: { id: 'Arus dan rasio', en: 'Flows and ratios' },
      text: {
        id: 'Lowongan baru (NO) dan aktif (AO) dihitung dalam formasi; pencari kerja baru (NA) dan aktif (AA) dalam orang. Rasio lowongan per pencari kerja: AO/AA dan NO/NA.',
        en: 'New (NO) and active (AO) openings count openings; new (NA) and active (AA) applicants count persons. Openings-to-applicants ratios: AO/AA and NO/NA.',
      },
    },
    {
      key: 'placements', formula: 'PL(t) = placements dated in t (region of the seeker); placement rate = PL/NA; fill rate = PL/NO',
      formulaId: 'PL(t) = penempatan bertanggal pada t (wilayah pencari kerja); tingkat penempatan = PL/NA; tingkat pengisian = PL/NO',
      title: { id: 'Penempatan', en: 'Placements' },
      text: {
        id: 'Penempatan dihitung sekali per (pencari kerja, lowongan), pada bulan penempatan, di wilayah tempat pencari kerja mendaftar. Tingkat penempatan = PL/NA; tingkat pengisian = PL/NO. Lama pengisian: tanggal ditutup − tanggal posting lowongan yang terisi, menurut bulan ditutup (median, persentil 75); lama penempatan: tanggal penempatan − tanggal daftar (median).',
        en: 'A placement counts once per (seeker, vacancy), in its month, in the region where the seeker registered. Placement rate = PL/NA; fill rate = PL/NO. Days to fill: closing minus posting date of filled vacancies, by month of closing (median, 75th percentile); days to placement: placement minus registration date (median).',
      },
    },
    {
      key: 'skill-gap', formula: 'D_k, S_k; R_k = D_k/S_k; I_k = ln(((D_k+0.5)/(AO+0.5)) / ((S_k+0.5)/(AA+0.5))); status: D ≥ 1.5 S shortage, S ≥ 1.5 D surplus; relative_status: I ≥ ln 1.5 relatively scarce, I ≤ −ln 1.5 relatively abundant',
      formulaId: 'D_k, S_k; R_k = D_k/S_k; I_k = ln(((D_k+0,5)/(AO+0,5)) / ((S_k+0,5)/(AA+0,5))); status: D ≥ 1,5 S kekurangan, S ≥ 1,5 D kelebihan; relative_status: I ≥ ln 1,5 lebih langka, I ≤ −ln 1,5 lebih melimpah',
      title: { id: 'Kesenjangan keterampilan', en: 'Skill gap' },
      text: {
        id: `Permintaan D_k: formasi lowongan aktif yang mensyaratkan keterampilan k. Pasokan S_k: pencari kerja aktif yang memilikinya. Dua status yang menjawab dua pertanyaan berbeda. Status mutlak (status) membandingkan permintaan dengan pasokan: tidak cukup data bila D+S < ${METHODOLOGY.insufficientBelow}; kekurangan hanya bila permintaan melebihi pasokan, D ≥ 1,5 × S dan D ≥ ${METHODOLOGY.statusMinCount}; kelebihan bila S ≥ 1,5 × D dan S ≥ ${METHODOLOGY.statusMinCount}; selain itu seimbang. Status relatif (relative_status) berasal dari indeks ketidakseimbangan I_k, yang membandingkan porsi k dalam permintaan dengan porsinya dalam pasokan, yaitu D/S dengan AO/AA pasar: lebih langka bila I ≥ ln 1,5 dan D ≥ ${METHODOLOGY.statusMinCount}; lebih melimpah bila I ≤ −ln 1,5 dan S ≥ ${METHODOLOGY.statusMinCount}; tidak diberi status (volume terlalu kecil) bila D+S < ${METHODOLOGY.rankingMinVolume}, sehingga peringkat mengabaikan keterampilan kecil. Di pasar dengan pencari kerja jauh lebih banyak daripada formasi, keterampilan bisa lebih langka secara relatif padahal pencari kerjanya lebih banyak daripada formasinya. Kedua status disembunyikan bila pasokan disembunyikan. Formasi tak terpenuhi = max(D − S, 0). Dengan filter sektor, jabatan atau jenis pekerjaan, permintaan D dan AO hanya menghitung lowongan sektor/jabatan/jenis itu, sedangkan pasokan S dan AA tetap seluruh pencari kerja aktif di wilayah dan bulan itu, sama dengan tabel tanpa filter: pencari kerja tidak punya sektor atau jabatan lowongan (jabatan yang diminati pencari kerja adalah hal lain, lihat permintaan jabatan). Jadi S dengan filter jabatan berarti "pencari kerja yang memiliki keterampilan ini", bukan "pencari kerja di jabatan ini", dan disembunyikan atau dibulatkan persis seperti di tabel tanpa filter.`,
        en: `Demand D_k: openings of active vacancies requiring skill k. Supply S_k: active seekers holding it. Two statuses answer two different questions. The absolute status (status) compares demand with supply: insufficient when D+S < ${METHODOLOGY.insufficientBelow}; shortage only when demand exceeds supply, D ≥ 1.5 × S and D ≥ ${METHODOLOGY.statusMinCount}; surplus when S ≥ 1.5 × D and S ≥ ${METHODOLOGY.statusMinCount}; otherwise balanced. The relative status (relative_status) comes from the imbalance index I_k, which compares k's share of demand with its share of supply, i.e. D/S with the market's AO/AA: relatively scarce when I ≥ ln 1.5 and D ≥ ${METHODOLOGY.statusMinCount}; relatively abundant when I ≤ −ln 1.5 and S ≥ ${METHODOLOGY.statusMinCount}; no status (volume too small) when D+S < ${METHODOLOGY.rankingMinVolume}, so rankings ignore small skills. In a market with far more seekers than openings a skill can be relatively scarce while its seekers outnumber its openings. Both statuses are withheld when supply is. Unmet openings = max(D − S, 0). With a sector, occupation or employment-type filter, demand D and AO count only that sector's, occupation's or type's vacancies, while supply S and AA stay every active seeker of the region and month, as in the unfiltered table: seekers have no sector and no occupation of a vacancy (the occupation a seeker prefers is another figure, see occupation demand). So under an occupation filter S means "seekers holding the skill", not "seekers in that occupation", and it is withheld or rounded exactly as in the unfiltered table.`,
      },
    },
    {
      key: 'provisional', formula: `provisional(t) = stocks_incomplete if start(t) − ${constants.vacancyValidityDays} days < first month; applicants_incomplete if start(t) − ${constants.seekerValidityDays} days < first month`,
      formulaId: `provisional(t) = stocks_incomplete bila awal(t) − ${constants.vacancyValidityDays} hari < bulan pertama; applicants_incomplete bila awal(t) − ${constants.seekerValidityDays} hari < bulan pertama`,
      title: { id: 'Bulan sementara di awal data', en: 'Provisional months at the start of the data' },
      text: {
        id: `Stok (lowongan aktif, pencari kerja aktif, dan rasio serta indeks yang dihitung darinya) belum lengkap pada bulan-bulan pertama: lowongan atau pencari kerja yang masih aktif tetapi diposting atau mendaftar sebelum bulan pertama data tidak ada di register. Sebuah bulan bersifat sementara sampai satu masa berlaku penuh telah lewat sejak bulan pertama: ${constants.vacancyValidityDays} hari untuk lowongan, ${constants.seekerValidityDays} hari untuk pencari kerja. Kolom provisional mencatat alasannya; grafik menggambarnya putus-putus dan pucat. Penurunan rasio pada bulan-bulan itu adalah efek awal data, bukan tren. Arus (lowongan baru, pencari kerja baru, penempatan) lengkap sejak bulan pertama.`,
        en: `Stocks (active openings, active applicants, and ratios and indices built from them) are incomplete in the first months: vacancies or seekers still active but posted or registered before the first month of data are not in the register. A month is provisional until a full validity window has passed since the first month: ${constants.vacancyValidityDays} days for vacancies, ${constants.seekerValidityDays} days for seekers. The provisional column gives the reason; charts draw these months dashed and pale. A fall of the ratio over those months is an effect of the series start, not a trend. Flows (new openings, new applicants, placements) are complete from the first month.`,
      },
    },
    {
      key: 'changes', formula: `Δ rate = (r_t − r_{t−1}) × 100 pp; Δ count = x_t / x_{t−1} − 1, or x_t − x_{t−1} when x_{t−1} < ${METHODOLOGY.smallBase}`,
      formulaId: `Δ tingkat = (r_t − r_{t−1}) × 100 pp; Δ jumlah = x_t / x_{t−1} − 1, atau x_t − x_{t−1} bila x_{t−1} < ${METHODOLOGY.smallBase}`,
      title: { id: 'Perubahan dan tanda', en: 'Changes and marks' },
      text: {
        id: `Perubahan tingkat ditulis dalam poin persentase (pp), perubahan jumlah dan rasio dalam persen, semuanya dengan satu desimal; pada dasar kecil (kurang dari ${METHODOLOGY.smallBase}) ditulis selisihnya, bukan persen. Perubahan dari bulan yang sama tahun lalu ditampilkan bila datanya ada. Tanda sel kosong: x = disembunyikan demi kerahasiaan; … = tidak dapat dihitung (pembagi nol); — = tidak ada data.`,
        en: `Changes of rates are written in percentage points (pp), of counts and ratios in per cent, all with one decimal; on a small base (below ${METHODOLOGY.smallBase}) the difference is written, not a percentage. The change on the same month a year before is shown where the data have it. Marks of empty cells: x = withheld for confidentiality; … = not computable (division by zero); — = no data.`,
      },
    },
    {
      key: 'trend', formula: 'growth_3m = Σ last 3 months / Σ 3 months before − 1',
      formulaId: 'growth_3m = Σ 3 bulan terakhir / Σ 3 bulan sebelumnya − 1',
      title: { id: 'Tren dan keterampilan yang naik', en: 'Trend and emerging skills' },
      text: {
        id: `Pertumbuhan tiga bulan: formasi baru yang mensyaratkan k dalam tiga bulan terakhir dibanding tiga bulan sebelumnya, dikurangi 1. Keterampilan naik (emerging) bila pertumbuhan ≥ ${METHODOLOGY.emergingGrowth * 100}% dan tiga bulan terakhir ≥ ${METHODOLOGY.emergingMinOpenings} formasi.`,
        en: `Three-month growth: new openings requiring k in the last three months over the three before, minus 1. A skill is emerging when growth ≥ ${METHODOLOGY.emergingGrowth * 100}% and the last three months hold ≥ ${METHODOLOGY.emergingMinOpenings} openings.`,
      },
    },
    {
      key: 'matching', formula: `c = |K_v ∩ H_s| / |K_v|; qualified: education met ∧ c ≥ ${theta}; near miss: education met ∧ c < ${theta} ∧ (|K_v ∩ H_s| + 1)/|K_v| ≥ ${theta}`,
      formulaId: `c = |K_v ∩ H_s| / |K_v|; memenuhi syarat: pendidikan terpenuhi ∧ c ≥ ${thetaId}; kurang satu: pendidikan terpenuhi ∧ c < ${thetaId} ∧ (|K_v ∩ H_s| + 1)/|K_v| ≥ ${thetaId}`,
      title: { id: 'Pencocokan berbasis keterampilan', en: 'Skill-based matching' },
      text: {
        id: `Dalam provinsi yang sama (atau kabupaten/kota bila dipilih), tanpa keterampilan transversal. Pencari kerja memenuhi syarat bila pendidikannya setidaknya pendidikan minimal (SD < SMP < SMA = SMK < D1 < D2 < D3 < D4 = S1 < S2 < S3; tidak diketahui dianggap terpenuhi) dan cakupannya ≥ ${theta}; kurang satu keterampilan bila satu keterampilan lagi akan memenuhi syarat. Kedalaman kumpulan: jumlah pencari kerja yang memenuhi syarat; sulit diisi bila nol. Keterampilan atau program pelatihan "membuka" pencari kerja bila menambahkannya membuatnya memenuhi syarat untuk setidaknya satu lowongan aktif. Formasi yang dibuka: jumlah formasi lowongan aktif berbeda yang mendapat setidaknya satu pencari kerja yang baru memenuhi syarat (formasi, bukan orang). Formasi yang dapat diisi oleh sebuah program = yang lebih kecil dari pencari kerja yang dibuka dan formasi yang dibuka; program diurutkan menurut angka ini.`,
        en: `Within the same province (or regency when one is chosen), leaving transversal skills out. A seeker is qualified when their education is at least the minimum (SD < SMP < SMA = SMK < D1 < D2 < D3 < D4 = S1 < S2 < S3; unknown counts as met) and coverage ≥ ${theta}; a near miss when one more skill would qualify them. Pool depth: qualified seekers; hard to fill when zero. A skill or training programme unlocks a seeker when adding it makes them qualified for at least one active vacancy. Openings unlocked: the openings of the distinct active vacancies for which at least one seeker becomes newly qualified (posts, not persons). The openings a programme could fill = the lesser of the seekers and the openings it unlocks; programmes are ranked by it.`,
      },
    },
    {
      key: 'normalisation', formula: 'title → dictionary | naive Bayes over words (ESCO + ILO examples + dictionary, pooled per unit and sub-major group) + the words of ISCO definitions and ESCO descriptions, uncoded below 0.09; skills = longest phrase in the taxonomy',
      formulaId: 'judul → kamus | naive Bayes atas kata (ESCO + contoh ILO + kamus), tanpa kode di bawah 0,09; keterampilan = frasa terpanjang dalam taksonomi',
      title: { id: 'Kode jabatan dan keterampilan', en: 'Occupation codes and skills' },
      text: {
        id: 'Judul lowongan tanpa kode dinormalkan (tanpa lokasi, kata senioritas/kontrak seperti Staf, Senior, Magang, dan nama departemen), dicari dulu di kamus judul kita, lalu dikodekan ke kelompok unit ISCO-08 dengan naive Bayes atas kata dan pasangan kata dari ~33.000 judul okupasi ESCO (© Uni Eropa, CC BY 4.0), ~1.900 contoh okupasi ILO per kelompok unit, dan kamus kita, dihitung per kelompok unit dan juga per sub-golongan pokok, ditambah kata-kata yang dipakai definisi dan uraian tugas ISCO-08 tiap kelompok dan deskripsi okupasi ESCO-nya (akar kata: "welder" / "welding"); judul tanpa kata manajerial tidak pernah dikodekan ke golongan pokok 1 (tanpa kata militer tidak ke golongan pokok 0), dan judul yang lemah dibantu kata dari deskripsinya. Keyakinan = bagian peluang pada sub-golongan pokok (2 digit) pemenang; di bawah 0,09 judul dibiarkan tanpa kode (ambang dan metode dipilih pada lipatan pengembangan, bukan pada lipatan uji; regresi logistik diuji dan tidak lebih baik). Diukur pada judul ESCO yang okupasinya disisihkan dari semua sumber (juga deskripsinya): 58,0 % benar pada 2 digit dan 41,6 % pada 4 digit dari semua judul, dengan 97,4 % judul dikodekan (59,6 % dan 42,8 % dari yang dikodekan; 84,4 % dan 66,3 % pada 36,4 % judul berkeyakinan tinggi, ≥ 0,9); 89,1 % / 84,4 % pada 320 judul lowongan Indonesia berlabel; 40 dari 40 judul umum; pada 28 judul nyata Dealls yang dikodekan tangan dan disisihkan: 78,6 % / 71,4 %. Target 85 % / 70 % untuk okupasi yang tidak pernah dilihat belum tercapai. Keterampilan dicari sebagai frasa terpanjang dari taksonomi dalam kolom keterampilan dan deskripsi; frasa yang memuat nama keterampilan tetapi bermakna lain ("perangkat keras", "mesin filling", judul "Tanggung Jawab:", "Japanese company") tidak dihitung, nama keterampilan sebelum atau sesudah kata usaha/tim ("perusahaan logistik", "logistics company", "sales team") tidak dihitung, dan baris jurusan/program studi/"Bachelor\'s in" dibaca sebagai bidang studi. Pada 370 iklan berlabel: presisi 0,93, recall 0,87; pada iklan yang disisihkan (kesalahannya dibaca per kelas keterampilan untuk memperbaiki aturan umum, lalu diukur ulang): bahasa Indonesia 0,87 / 0,85, bahasa Inggris 0,94 / 0,82 (target presisi 0,90 belum tercapai untuk bahasa Indonesia).',
        en: 'Job titles without a code are normalised (no location, seniority or contract words such as Staff, Senior, Intern, no department), looked up in our title dictionary, and otherwise coded to an ISCO-08 unit group by naive Bayes over the words and word pairs of ~33,000 ESCO occupation titles (© European Union, CC BY 4.0), the ~1,900 example occupations the ILO lists per unit group, and our dictionary, counted per unit group and also per sub-major group, plus the words the ISCO-08 definitions and tasks of each group and the ESCO descriptions of its occupations use (by word root: "welder" / "welding"); a title without a managerial word is never coded to major group 1 (nor one without a military word to major group 0), and a weak title borrows words from its description. The confidence is the posterior share of the winner\'s sub-major (2-digit) group; below 0.09 a title stays uncoded (threshold and method chosen on a development fold, never on the test fold; a logistic regression was tried and was no better). Measured on ESCO titles whose occupations were held out of every source (their descriptions too): 58.0 % right at 2 digits and 41.6 % at 4 of all titles, with 97.4 % of titles coded (59.6 % and 42.8 % of those coded; 84.4 % and 66.3 % on the 36.4 % coded at high confidence, ≥ 0.9); 89.1 % / 84.4 % on 320 labelled Indonesian board titles; 40 of 40 common titles; on 28 real Dealls titles coded by hand and held out: 78.6 % / 71.4 %. The 85 % / 70 % target for occupations never seen is not met. Skills are found as the longest taxonomy phrase in skills columns and descriptions; phrases that contain a skill name but mean something else ("perangkat keras", "mesin filling", the heading "Tanggung Jawab:", "Japanese company") do not count, nor does a skill name next to a business or team word ("perusahaan logistik", "logistics company", "sales team"), and jurusan / program studi / "Bachelor\'s in" lines are read as fields of study. On 370 labelled adverts: precision 0.93, recall 0.87; on held-out adverts (their errors were read by skill class to fix general rules, then measured again) Indonesian 0.87 / 0.85, English 0.94 / 0.82 (the 0.90 precision target is not met for Indonesian).',
      },
    },
    {
      key: 'data-loading', formula: `national: location = whole country → ID only; file failed when rows loaded / rows read < ${METHODOLOGY.minFileLoadedShare * 100}%`,
      formulaId: `nasional: lokasi = seluruh negeri → hanya ID; berkas gagal bila baris dimuat / baris dibaca < ${METHODOLOGY.minFileLoadedShare * 100}%`,
      title: { id: 'Wilayah dan pemuatan data', en: 'Regions and loading' },
      text: {
        id: `Setiap lowongan dan pencari kerja ditempatkan di provinsi dan, bila diketahui, kabupaten/kota (kode BPS; nama ditulis dengan atau tanpa spasi, tanda hubung, awalan KAB./KOTA). Lowongan yang lokasinya seluruh negeri ("Indonesia", "Remote", "Seluruh Indonesia", "WFH") adalah lowongan nasional: dihitung dalam total Indonesia (ID), tidak di provinsi mana pun, dan tidak ikut pencocokan keterampilan (pencocokan dilakukan per provinsi). Lokasi di luar Indonesia dikarantina sebagai wilayah tidak dikenal. Berkas yang kurang dari ${METHODOLOGY.minFileLoadedShare * 100}% barisnya dapat dimuat dianggap gagal: proses berstatus sebagian (partial), dengan porsi yang dimuat dan alasan karantina terbanyak.`,
        en: `Every vacancy and job seeker is placed in a province and, when known, a regency or city (BPS codes; names written with or without spaces, hyphens or KAB./KOTA prefixes). A vacancy whose location is the whole country ("Indonesia", "Remote", "Seluruh Indonesia", "WFH") is a national vacancy: it counts in the national (ID) totals, in no province, and is left out of skill matching (matching is within a province). Locations outside Indonesia are quarantined as unknown regions. A file from which fewer than ${METHODOLOGY.minFileLoadedShare * 100}% of rows load has failed: the run is partial, with the share loaded and the most frequent quarantine reasons.`,
      },
    },
    {
      key: 'duplicates', formula: `same place ∧ windows overlap (± ${METHODOLOGY.duplicateSlackDays} days) ∧ (same employer ∨ same title); title similarity ≥ ${METHODOLOGY.duplicateTitleSimilarity} (${METHODOLOGY.duplicateTitleOnlySimilarity} without employer); description overlap ≥ ${METHODOLOGY.duplicateDescriptionSimilarity}`,
      formulaId: `tempat sama ∧ masa aktif bertumpang (± ${METHODOLOGY.duplicateSlackDays} hari) ∧ (pemberi kerja sama ∨ judul sama); kemiripan judul ≥ ${String(METHODOLOGY.duplicateTitleSimilarity).replace('.', ',')} (${String(METHODOLOGY.duplicateTitleOnlySimilarity).replace('.', ',')} tanpa pemberi kerja); tumpang tindih deskripsi ≥ ${String(METHODOLOGY.duplicateDescriptionSimilarity).replace('.', ',')}`,
      title: { id: 'Lowongan ganda dan sumber data', en: 'Duplicate vacancies and sources' },
      text: {
        id: `Lowongan yang sama sering datang dari beberapa sumber (register PPK, Karirhub, MagangHub, papan lowongan swasta) atau diposting ulang. Dua lowongan menjadi calon ganda bila tempatnya sama (kabupaten/kota, atau provinsi bila hanya itu yang diketahui), masa aktifnya bertumpang tindih (dengan kelonggaran ${METHODOLOGY.duplicateSlackDays} hari), dan pemberi kerjanya sama setelah dinormalkan (PT, CV, Tbk dan tanda baca diabaikan), atau judulnya sama bila salah satu tidak menyebut pemberi kerja; dua pemberi kerja yang berbeda tidak pernah ganda. Calon itu ganda bila judulnya mirip: kata yang sama (salah ketik dihitung sama; kata seperti "Dibutuhkan", "Urgent" dan nama tempat diabaikan) dibagi semua kata berbeda, setidaknya ${String(METHODOLOGY.duplicateTitleSimilarity).replace('.', ',')} (${String(METHODOLOGY.duplicateTitleOnlySimilarity).replace('.', ',')} tanpa pemberi kerja), dan, bila keduanya punya deskripsi, kata-kata deskripsinya cukup tumpang tindih (≥ ${String(METHODOLOGY.duplicateDescriptionSimilarity).replace('.', ',')}); tanpa pemberi kerja deskripsi yang mirip wajib ada. Salinan persis (tempat, pemberi kerja, kata judul dan deskripsi sama) yang masa aktifnya bersambung menjadi satu kelompok tanpa dibandingkan pasang demi pasang. Lowongan yang tersambung membentuk satu kelompok; yang diposting paling awal mewakilinya dan hanya itu yang dihitung di setiap angka yang diterbitkan; penempatan pada catatan mana pun dari suatu kelompok adalah penempatan pada wakilnya, dan pencari kerja yang ditempatkan pada dua catatan dari satu kelompok ditempatkan sekali. Dataset sumber data memberikan, per sumber dan bulan posting (nasional dan per provinsi), lowongan dan formasi yang dimuat (termasuk yang ganda), lowongan yang dihitung, bagian yang memiliki keterampilan, berkode jabatan, berlokasi kabupaten/kota, menyebut pemberi kerja, tidak dihitung karena ganda dan juga terlihat di sumber lain, serta tanggal posting pertama dan terakhir. Jenis pekerjaan (penuh waktu, paruh waktu, kontrak, magang, praktik kerja) dapat dipilih untuk pasar kerja bulanan, kesenjangan dan tren keterampilan, dan permintaan jabatan, serta di halaman ikhtisar, keterampilan, kesenjangan dan jabatan: sisi permintaan (formasi, rasionya terhadap pencari kerja, lama pengisian, lamaran per formasi, tingkat pengisian dari penempatan pada lowongan jenis itu) berasal dari lowongan jenis itu, sisi pasokan (pencari kerja, penempatan, tingkat penempatan) dari semua pencari kerja (pencari kerja tidak memiliki jenis pekerjaan), seperti untuk sektor. Nama pemberi kerja hanya dipakai untuk mengenali lowongan ganda dan tidak pernah diterbitkan.`,
        en: `The same vacancy often arrives from several sources (the PES register, Karirhub, MagangHub, private job boards) or is re-posted. Two vacancies are candidate duplicates when they share the place (regency, or province when only that is known), their activity windows overlap (with ${METHODOLOGY.duplicateSlackDays} days of slack), and their employers are the same once normalised (PT, CV, Tbk and punctuation ignored), or, when one names no employer, their titles are the same; two different employers are never duplicates. Candidates are duplicates when their titles are similar: matching words (a misspelling matches its word; words such as "Dibutuhkan", "Urgent" and place names are ignored) over all distinct words, at least ${METHODOLOGY.duplicateTitleSimilarity} (${METHODOLOGY.duplicateTitleOnlySimilarity} without an employer), and, when both have a description, their descriptions' words overlap enough (≥ ${METHODOLOGY.duplicateDescriptionSimilarity}); without an employer, similar descriptions are required. Exact copies (same place, employer, title words and description) whose activity windows follow on from each other are one group without being compared pair by pair. Linked vacancies form one group; the earliest posted represents it and only it is counted in every published figure; a placement into any record of a group is a placement into its representative, and a job seeker placed on two records of one group is placed once. The sources dataset gives, per source and month of posting (nationally and per province), the vacancies and openings loaded (duplicates included), the vacancies counted, the shares with a skill, coded to an occupation, placed to a regency, naming an employer, not counted as duplicates and seen on another source, and the first and last posting date. Employment type (full-time, part-time, contract, apprenticeship, internship) can be chosen for the monthly labour market, skill gaps and trends, and occupation demand, and on the overview, skills, gaps and occupations pages: the demand side (openings, their ratio to job seekers, days to fill, applications per opening, the fill rate from placements into vacancies of that type) comes from vacancies of that type, the supply side (job seekers, placements, placement rate) from all job seekers (seekers have no employment type), as for a sector. Employer names are used only to recognise duplicates and are never published.`,
      },
    },
    {
      key: 'privacy',
      formula: round
        ? `rounding to base ${k}: q = v mod ${k}; published ${k}·⌊v/${k}⌋ + ${k} with probability q/${k}, else ${k}·⌊v/${k}⌋ (u = keyed SHA-256 of the cell ∈ [0, 1)); 0 stays 0; cells an interval attack would pin re-rounded the other way; derived values recomputed from rounded counts; means/medians over ≤ ${k} rounded persons withheld`
        : `primary: 0 < persons < ${constants.minCell} withheld; secondary: in every sum (parent = Σ children) no cell withheld, or the withheld children leave an attacker ≥ ${constants.minCell} possible values for each withheld count below ${constants.minCell} (≥ 2 for the others), complements chosen to hide the fewest persons; derived values with what they are computed from`,
      formulaId: round
        ? `pembulatan ke kelipatan ${k}: q = v mod ${k}; terbit ${k}·⌊v/${k}⌋ + ${k} dengan peluang q/${k}, selain itu ${k}·⌊v/${k}⌋ (u = SHA-256 berkunci dari sel ∈ [0, 1)); 0 tetap 0; sel yang akan terkunci oleh serangan interval dibulatkan ke arah sebaliknya; nilai turunan dihitung ulang dari jumlah yang dibulatkan; rata-rata/median atas ≤ ${k} orang (dibulatkan) disembunyikan`
        : `primer: 0 < orang < ${constants.minCell} disembunyikan; sekunder: dalam setiap penjumlahan (induk = Σ anak) tidak ada sel tersembunyi, atau anak yang disembunyikan menyisakan bagi penyerang ≥ ${constants.minCell} nilai yang mungkin untuk setiap jumlah tersembunyi di bawah ${constants.minCell} (≥ 2 untuk lainnya), pelengkap dipilih yang menyembunyikan paling sedikit orang; nilai turunan ikut apa yang mendasarinya`,
      title: { id: 'Kerahasiaan', en: 'Confidentiality' },
      text: {
        id: `Keputusan penyembunyian dibuat sekali saat gudang data dibangun dan berlaku sama di halaman, API dan unduhan. Primer: jumlah orang antara 1 dan ${constants.minCell - 1} disembunyikan (median kedalaman kumpulan adalah median bawah, salah satu nilai, jadi selalu bilangan bulat orang). Sekunder: angka yang dijumlahkan ke angka lain yang diterbitkan (kabupaten/kota ke provinsi, provinsi ke nasional, kategori profil pencari kerja ke total pasar kerja, kode jabatan ke kode induknya; penempatan dan placed_seekers adalah angka yang sama) tidak boleh dapat dihitung dengan pengurangan. Dalam setiap penjumlahan seperti itu, bila ada sel yang disembunyikan, sel-sel anak yang disembunyikan bersama harus menyisakan bagi penyerang (yang tahu setiap sel tersembunyi ≥ 1, karena nol diterbitkan) setidaknya ${constants.minCell} nilai yang mungkin untuk setiap jumlah tersembunyi di bawah ${constants.minCell}, dan lebih dari satu nilai untuk yang lain. Bila tidak, disembunyikan pelengkap yang paling sedikit menyembunyikan orang: satu sel anak termurah, atau beberapa sel terkecil, baru total induknya bila tidak ada pilihan lain; diulang sampai tidak ada yang berubah (heuristik sel tersembunyi minimal per margin seperti tau-ARGUS/sdcTable, dengan biaya = jumlah orang). Profil pencari kerja, dan pencari kerja yang meminati suatu jabatan, diterbitkan untuk nasional dan provinsi saja: sel kabupaten/kota × kategori (atau × kode jabatan) hampir semuanya di bawah ${constants.minCell}, dan melindunginya akan menyembunyikan total provinsi. Tingkat, rasio, median, status, indeks dan peringkat ikut disembunyikan bila angka yang mendasarinya disembunyikan (indeks dan status relatif kesenjangan keterampilan juga bila pencari kerja aktif wilayah itu disembunyikan); peringkat dihitung di antara baris yang diterbitkan saja, dan pengurutan menaruh sel tersembunyi di akhir. Setiap baris mencantumkan kolom yang disembunyikan. Alternatif yang dapat dipilih operator (SINERGI_DISCLOSURE=round): tidak ada yang disembunyikan, setiap jumlah orang dibulatkan acak ke kelipatan ${k} (tak bias: dengan sisa q = v mod ${k}, naik dengan peluang q/${k}, turun selain itu; 0 dan kelipatan ${k} tetap; 1 sampai ${k - 1} menjadi 0 atau ${k}). Undiannya hash berkunci rahasia dari identitas sel, sehingga pembangunan ulang menerbitkan nilai yang sama dan sel yang sama (mis. penempatan dan placed_seekers) dibulatkan sama. Pembulatan sel demi sel kadang dapat dibalik dengan interval (mis. 0 di atas empat angka 5 berarti masing-masing 1): setelah diundi, perambatan interval penyerang dijalankan atas setiap penjumlahan, dan bila suatu jumlah 1 sampai ${k - 1} terkunci pada satu nilai, satu sel dari penjumlahan itu dibulatkan ke arah sebaliknya (tetap dalam ${k - 1} dari nilai sebenarnya), hingga 8 kali (sel yang masih terkunci setelah itu dihitung dalam log pembangunan; lihat isu 19). Yang dihilangkannya: pengurangan tidak lagi memberi nilai tepat (tidak ada sel tersembunyi yang bisa dihitung dari total), dan angka 5 yang terbit bisa berasal dari 3 atau dari 7, jadi status, rasio atau indeks tidak mengungkap apa-apa: semuanya dihitung ulang dari jumlah yang dibulatkan. Median dan rata-rata atas orang (hari sampai penempatan, cakupan penempatan) disembunyikan bila jumlah yang dibulatkan paling banyak ${k}. Biayanya: angka tidak lagi aditif — total tidak sama dengan jumlah bagiannya yang dibulatkan, dan setiap angka meleset paling banyak ${k - 1} (rata-rata nol); untuk jumlah kecil kesalahan relatifnya besar. Gudang data ini: ${round ? `pembulatan ke kelipatan ${k}` : 'penyembunyian'}.`,
        en: `Withholding is decided once, when the warehouse is built, and is the same on pages, in the API and in downloads. Primary: person counts between 1 and ${constants.minCell - 1} are withheld (the median pool depth is the lower median, one of the values, so always a whole number of persons). Secondary: a count that adds up into another published count (regencies into their province, provinces into the country, seeker-profile categories into the labour-market total, occupation codes into their parent code; placements and placed_seekers are one count) must not be recoverable by subtraction. In every such sum with a withheld cell, the withheld children together must leave an attacker (who knows each withheld cell is at least 1, zeros being published) at least ${constants.minCell} possible values for every withheld count below ${constants.minCell}, and more than one value for the others. Where they do not, the complement hiding the fewest persons is withheld too: the cheapest single child, or several of the smallest, and the parent total only when nothing else can; this repeats until nothing changes (the "enough suppressed cells per margin" heuristic of tau-ARGUS and sdcTable, with the count as the cost). The seeker profile, and the seekers preferring an occupation, are published for the country and the provinces only: regency × category (or × occupation code) cells are nearly all below ${constants.minCell}, and protecting them would withhold the provinces' totals. Rates, ratios, medians, statuses, indices and ranks are withheld with the counts they rest on (the skill-gap imbalance index and relative status also with the region's active applicants); ranks are counted among the published rows only, and sorting puts withheld cells last. Every row lists the withheld columns. The operator's alternative (SINERGI_DISCLOSURE=round): nothing is withheld, and every person count is randomly rounded to a multiple of ${k} (unbiased: with remainder q = v mod ${k} it goes up with probability q/${k}, down otherwise; 0 and multiples of ${k} stay; 1 to ${k - 1} become 0 or ${k}). The draw is a secret-keyed hash of the cell's identity, so a rebuild publishes the same values and the same count (e.g. placements and placed_seekers) is rounded alike. Rounding cell by cell can occasionally be undone with intervals (0 over four published 5s means each is 1): after the draw, the attacker's interval propagation is run over every sum, and where a count from 1 to ${k - 1} is pinned to one value, one cell of that sum is rounded the other way instead (still within ${k - 1} of the true value), up to 8 times (the few cells still pinned after that are counted in the build log; see issue 19). What it removes: subtraction no longer gives an exact value (there is no withheld cell to recover from a total), and a published 5 may have been a 3 or a 7, so no status, ratio or index gives a count away: all are recomputed from the rounded counts. Medians and means over persons (days to placement, placement coverage) are withheld where the rounded count is at most ${k}. What it costs: figures are no longer additive — a total does not equal the sum of its rounded parts, and every figure is off by up to ${k - 1} (zero on average); for small counts the relative error is large. This warehouse: ${round ? `rounding to base ${k}` : 'withholding'}.`,
      },
    },
  ];
}
