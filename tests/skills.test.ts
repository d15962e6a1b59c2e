import { describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
import { createSkillMatcher } from '../core/skills.ts';

const reference = loadReference();
const matcher = createSkillMatcher(reference.skills);
const ids = new Set(reference.skills.map((s) => s.id));

describe('skills lists', () => {
  it('reads items separated by ; , | or new lines, in either language', () => {
    expect(matcher.matchList('Pengelasan; SMAW | microsoft excel\nBahasa Inggris')).toEqual(['welding', 'welding-smaw', 'microsoft-excel', 'english']);
  });
  it('reads a Python list literal', () => {
    expect(matcher.matchList("['golang', 'java', 'spring boot']")).toEqual(expect.arrayContaining(['golang', 'java']));
  });
  it('takes short and ambiguous names only as whole items', () => {
    expect(matcher.matchList('C; R; Go')).toEqual(['c-language', 'r-language', 'golang']);
    expect(matcher.matchList('Java')).toEqual(['java']);
  });
  it('takes taxonomy ids as items', () => {
    expect(matcher.matchList('welding-smaw;microsoft-excel')).toEqual(['welding-smaw', 'microsoft-excel']);
  });
  it('knows C++ and C# from C', () => {
    expect(matcher.matchList('C++, C#')).toEqual(['cpp', 'csharp']);
  });
});

describe('free text', () => {
  it('reads a personal quality only as an item of a list of qualities', () => {
    expect(matcher.extract('- Patient, gentle and trustworthy')).toContain('emotional-control');
    expect(matcher.extract('Maintain accurate patient records')).not.toContain('emotional-control');
    expect(matcher.extract('Bisa bekerja dalam tim maupun mandiri')).toContain('independence');
    expect(matcher.extract('CV Berkah Mandiri Sejahtera membuka lowongan, gaji via Bank Mandiri')).not.toContain('independence');
    expect(matcher.extract('Benefit: remote-friendly office')).not.toContain('good-manners');
    expect(matcher.matchList('Friendly; Patient')).toEqual(['good-manners', 'emotional-control']);
  });
  it('reads no skills in whom one coordinates with, how to apply, or a vocational field of study', () => {
    expect(matcher.extract('- Koordinasi dengan bagian produksi, gudang, dan purchasing')).toEqual([]);
    expect(matcher.extract('Kirim CV ke email rekrutmen kami.')).toEqual([]);
    expect(matcher.extract('- SMK/D3 Teknik Mesin, Elektro, atau Mekatronika')).toEqual([]);
    expect(matcher.extract('Syarat: D3 Teknik, paham ISO 9001.')).toContain('quality-management-system');
  });
  it('ends a field of study at a personal quality, not at a field named like one', () => {
    expect(matcher.extract('Degree in economics, analytical and honest')).toEqual(['analytical-thinking', 'integrity']);
    expect(matcher.extract('Syarat: S1 Teknik Sipil, teliti, jujur')).toEqual(['attention-to-detail', 'integrity']);
    expect(matcher.extract('Jurusan Manajemen, Komunikasi')).toEqual([]);
  });
  it('reads a duty named by a verb and its object with words between', () => {
    expect(matcher.extract('- Prepare monthly management reports')).toContain('written-communication');
    expect(matcher.extract('- Menyusun dan mengirim laporan stok')).toContain('written-communication');
    expect(matcher.extract('- Prepare quotations, follow up reports from the field')).not.toContain('written-communication');
  });
  it('ends a phrase at the end of a sentence but not after an abbreviation', () => {
    expect(matcher.extract('Japanese is a plus. Friendly and well-groomed.')).toContain('good-manners');
    expect(matcher.extract('Menguasai Ms. Office')).toContain('microsoft-office');
  });
  it('does not take Java for JavaScript, nor the island for the language', () => {
    expect(matcher.extract('Menguasai JavaScript dan TypeScript.')).toEqual(['javascript', 'typescript']);
    expect(matcher.extract('Penempatan di West Java, Indonesia.')).toEqual([]);
  });
  it('does not see the language C in every letter c or in SIM C', () => {
    expect(matcher.extract('Memiliki SIM C dan kendaraan sendiri, kelas C.')).not.toContain('c-language');
  });
  it('prefers the longest phrase', () => {
    const found = matcher.extract('Dibutuhkan perawat lansia yang sabar.');
    expect(found[0]).not.toBe('nursing');
  });
  it('is case, accent and punctuation insensitive and finds multi-word skills', () => {
    expect(matcher.extract('Required: MICROSOFT EXCEL, las listrik (SMAW) & bahasa inggris!')).toEqual(['microsoft-excel', 'welding-smaw', 'english']);
  });
  it('returns only ids of the taxonomy', () => {
    for (const id of matcher.extract('Python, SQL, Docker, Kubernetes, AWS, keperawatan, barista, tukang las')) expect(ids.has(id), id).toBe(true);
  });
});

describe('context: phrases that contain a skill name and mean something else', () => {
  it('does not read Keras in "perangkat keras" or "kerja keras", nor filing in "mesin filling"', () => {
    expect(matcher.extract('Memahami perangkat keras dan jaringan komputer. Kerja keras.')).not.toContain('machine-learning');
    expect(matcher.extract('Mengoperasikan mesin filling dan capping')).toEqual(['machine-operation']);
    expect(matcher.matchList('Keras; filling')).toEqual(['machine-learning', 'filing-archiving']);
  });
  it('reads "Tanggung Jawab:" as a heading and "bertanggung jawab" as the soft skill', () => {
    expect(matcher.extract('Tanggung Jawab:\n- Menyusun jadwal')).not.toContain('responsibility');
    expect(matcher.extract('Jujur dan bertanggung jawab')).toEqual(['integrity', 'responsibility']);
  });
  it('reads the rest of a jurusan / lulusan / degree-in line as fields of study, then skills again', () => {
    expect(matcher.extract('Jurusan diutamakan: Public Relation / Aktuaria / Statistik\n- Menguasai Excel')).toEqual(['microsoft-excel']);
    expect(matcher.extract('Bachelor degree in Computer Science or Statistics, proficient in Python')).toEqual(['python']);
    expect(matcher.extract('S1 semua jurusan, menguasai Ms Office')).toEqual(['microsoft-office']);
  });
  it("reads English degree lines (Bachelor's in …) as fields of study", () => {
    expect(matcher.extract("- Bachelor's in Finance/Accounting; CFA level 1 is a plus")).toEqual([]);
    expect(matcher.extract('- Bachelors in Psychology, Law or Management')).toEqual([]);
  });
  it('does not read the employer\'s business or a colleague team as a skill in English word order', () => {
    expect(matcher.extract('We are a fast-growing logistics company in Jakarta')).not.toContain('logistics');
    expect(matcher.extract('Work with the backend team and the sales team')).toEqual([]);
    expect(matcher.extract('Administrative Assistant - Japanese trading company')).not.toContain('japanese');
    expect(matcher.extract('Fluent English; basic Japanese is a plus')).toEqual(['english', 'japanese']);
  });
  it('reads the adjectives English adverts use for soft skills', () => {
    expect(matcher.extract('- Creative, meticulous and highly organised')).toEqual(['creativity', 'attention-to-detail', 'planning-organising']);
    expect(matcher.extract('- Enforce PPE use and safety rules')).toEqual(['occupational-safety']);
    expect(matcher.extract('- Ensure order accuracy, remote-friendly')).toEqual([]);
  });
  it('reads "responsible" as the soft skill but not "responsible for" (a duty), and English task phrasing', () => {
    expect(matcher.extract('- Responsible for daily reports')).toEqual([]);
    expect(matcher.extract('- Careful and responsible')).toEqual(['attention-to-detail', 'responsibility']);
    expect(matcher.extract('- Write unit tests and build dashboards')).toEqual(['software-testing', 'data-visualization']);
    expect(matcher.extract('- Creative problem solving')).toEqual(['creativity', 'problem-solving']);
  });
  it('reads verb phrasing of business negotiation and of other skills English adverts write as tasks (issue 12)', () => {
    expect(matcher.extract('- Negotiate prices with suppliers and close deals')).toEqual(['business-negotiation']);
    expect(matcher.extract('- Good English, written and spoken')).toEqual(['english', 'written-communication']);
    expect(matcher.extract('- Resolve complaints by phone and chat')).toEqual(['customer-service']);
    expect(matcher.extract('- Safety-minded; understands lifting safety')).toEqual(['occupational-safety']);
    expect(matcher.extract('- Maintain bar stock and par levels')).toEqual(['inventory-management']);
  });
  it('reads K3 Listrik as occupational safety, and a degree named as a field of study (D3 Keperawatan) as no skill', () => {
    expect(matcher.extract('Memahami K3 listrik')).toEqual(['occupational-safety']);
    expect(matcher.extract('Syarat: D3 Keperawatan, STR aktif')).not.toContain('nursing');
    expect(matcher.extract('Berpengalaman dalam asuhan keperawatan')).toContain('nursing');
  });
  it('does not read AWS in welding codes, "English for communication" as the soft skill, nor the buyer\'s standards as purchasing', () => {
    expect(matcher.extract('Inspect welds according to ASME/AWS codes')).not.toContain('aws');
    expect(matcher.extract('Deploy services on AWS')).toContain('aws');
    expect(matcher.extract('Basic English for daily communication')).toEqual(['english']);
    expect(matcher.extract('Check garments against buyer standards')).not.toContain('procurement');
    expect(matcher.extract('Audits at estates and palm oil mills')).not.toContain('oil-palm-plantation');
  });
});
