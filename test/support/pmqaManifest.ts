/**
 * A PMQA manifest's opening shared by the engine and protocol language tests: the office,
 * the three sources, 1.1 at Advance with its attachments (files evidence/form.pdf and
 * evidence/photo.png, which each test writes), and 1.2 reported although ITA scores it.
 */
export const PMQA_START = `framework: obec-pmqa
fiscalYear: 2567
office:
  name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1
  code: "9901"
reporter:
  name: นางสาวทดสอบ ใจดี
  position: นักวิเคราะห์นโยบายและแผนชำนาญการ
  phone: "0 7751 1234"
  email: tester@example.go.th
sources:
  ita:
    level: advance
  kpi:
    scores:
      kpi-4.1.2: 4.25
      kpi-8: 3.8
  monitoring:
    group: B
items:
  "1.1":
    level: advance
    project: โครงการสื่อสารนโยบาย
    evidence:
      - kind: response-form
        file: evidence/form.pdf
      - kind: approval-letter
        file: evidence/form.pdf
      - kind: summary-report
        file: evidence/form.pdf
      - kind: activity-media
        level: basic
        file: evidence/photo.png
      - kind: activity-media
        level: advance
        file: evidence/photo.png
  "1.2":
    level: basic
`;

/** Seed 001, หมวด 1, ประเด็น 1.1, ระดับ Basic, as the pack quotes it (the tests assert it equals the pack's). */
export const BASIC_1_1 =
  'ผอ.สพท. สร้างความยั่งยืนให้องค์กร โดยมีแนวทาง กำหนดนโยบาย ทิศทางขององค์กร รองรับพันธกิจตามกฎหมาย สอดคล้องกับยุทธศาสตร์ระดับประเทศ ระดับกรม; มีการกำหนดวิสัยทัศน์ ยุทธศาสตร์ขององค์กร เพื่อ รองรับเปลี่ยนแปลงในอนาคต ด้านเศรษฐกิจ/สังคม/สิ่งแวดล้อม/สาธารณสุข';
