import type { Severity } from './diagnostics';

/**
 * The catalogue of every finding the engine reports: its stable code, default severity,
 * and message in Thai (the users' first language) and English. `{name}` placeholders are
 * filled by `formatMessage`. Codes are part of the public interface (CLI JSON, SARIF,
 * editor Problems): never rename one, add a new one instead.
 */
export interface MessageSpec {
  readonly severity: Severity;
  readonly th: string;
  readonly en: string;
}

function m(severity: Severity, th: string, en: string): MessageSpec {
  return { severity, th, en };
}

export const MESSAGES = {
  // --- YAML and the manifest's shape -------------------------------------------------
  'manifest.yaml.syntax': m('error', 'YAML ไม่ถูกต้อง: {detail}', 'Invalid YAML: {detail}'),
  'manifest.yaml.tab-indent': m(
    'error',
    'ใช้แท็บ (Tab) เยื้องบรรทัดไม่ได้ใน YAML ให้ใช้ช่องว่างแทน',
    'Tabs cannot indent YAML; use spaces instead',
  ),
  'manifest.yaml.duplicate-key': m('error', 'คีย์ "{key}" ซ้ำกัน', 'Duplicate key "{key}"'),
  'manifest.yaml.alias-bomb': m(
    'error',
    'ไฟล์ใช้ alias (*) มากเกินไป ({detail}) ซึ่งอาจทำให้ระบบค้าง จึงไม่ได้อ่านต่อ',
    'Too many YAML aliases ({detail}); the file was not expanded, to avoid a resource exhaustion',
  ),
  'manifest.yaml.too-deep': m(
    'error',
    'โครงสร้าง YAML ซ้อนกันลึกเกินไป (ลึก {depth} ชั้น เกินกว่า {max}) จึงไม่ได้อ่านต่อ',
    'YAML nested too deeply ({depth} levels, more than {max}); the file was not parsed',
  ),
  'manifest.yaml.too-large': m(
    'error',
    'ไฟล์ใหญ่เกินไป ({size} ไบต์ เกินกว่า {max}) จึงไม่ได้อ่าน',
    'File too large ({size} bytes, more than {max}); not parsed',
  ),
  'manifest.yaml.not-mapping': m(
    'error',
    'ไฟล์หลักฐานต้องเป็น YAML แบบ mapping (คีย์: ค่า) ที่ระดับบนสุด',
    'An evidence manifest must be a YAML mapping (key: value) at the top level',
  ),
  'manifest.key.invisible-characters': m(
    'error',
    'คีย์ "{key}" มีอักขระที่มองไม่เห็น ({chars}) ให้ลบออก',
    'Key "{key}" contains invisible characters ({chars}); remove them',
  ),
  'manifest.schema.unknown-key': m(
    'error',
    'ไม่รู้จักคีย์ "{key}" ที่ {path} (คีย์ที่ใช้ได้: {expected})',
    'Unknown key "{key}" at {path} (expected one of: {expected})',
  ),
  'manifest.schema.missing-key': m('error', 'ขาดคีย์ "{key}" ที่ {path}', 'Missing key "{key}" at {path}'),
  'manifest.schema.wrong-type': m(
    'error',
    'ค่าที่ {path} ต้องเป็น {expected} แต่พบ {actual}',
    'The value at {path} must be {expected}, found {actual}',
  ),
  'manifest.schema.invalid-value': m('error', 'ค่าที่ {path} ไม่ถูกต้อง: {detail}', 'Invalid value at {path}: {detail}'),
  'manifest.thai-digits': m(
    'information',
    'ใช้เลขไทย "{value}" อ่านได้เป็น {normalised}',
    'Thai digits "{value}" read as {normalised}',
  ),

  // --- the framework and its fiscal year -------------------------------------------------
  'manifest.framework.unknown': m(
    'error',
    'ไม่รู้จักกรอบการประเมิน "{framework}" (ที่มี: {known})',
    'Unknown framework "{framework}" (available: {known})',
  ),
  'manifest.framework.no-edition': m(
    'warning',
    'ไม่มีเกณฑ์ {framework} สำหรับปีงบประมาณ {year} จึงใช้ฉบับ {edition} แทน',
    'No {framework} edition for fiscal year {year}; edition {edition} is used instead',
  ),
  'manifest.fiscal-year.common-era': m(
    'error',
    'ปีงบประมาณ {year} เป็นปี ค.ศ. ต้องเป็นปี พ.ศ. (เช่น {suggestion})',
    'Fiscal year {year} is a Common-Era year; use the Buddhist-Era year (e.g. {suggestion})',
  ),
  'manifest.fiscal-year.implausible': m(
    'error',
    'ปีงบประมาณ {year} ไม่สมเหตุสมผล (ต้องเป็นปี พ.ศ. 4 หลัก เช่น 2567)',
    'Fiscal year {year} is implausible (a 4-digit Buddhist-Era year, e.g. 2567)',
  ),
  'manifest.round.unknown': m(
    'error',
    'ไม่รู้จักรอบ "{round}" (รอบที่มี: {known})',
    'Unknown round "{round}" (rounds: {known})',
  ),
  'manifest.round.none': m(
    'error',
    'ยังไม่ได้ระบุรอบการรายงาน (เช่น {known})',
    'No reporting round given (e.g. {known})',
  ),
  'manifest.point.unknown': m(
    'error',
    '{round} ไม่มีประเด็นการพิจารณาที่ "{point}" (ประเด็นที่มี: {known})',
    'The {round} has no consideration point "{point}" (points: {known})',
  ),
  'manifest.evidence.unknown-kind': m(
    'error',
    'ประเด็นที่ {point} ไม่มีหลักฐานประเภท "{kind}" (ประเภทที่ใช้ได้: {known})',
    'Point {point} has no evidence kind "{kind}" (kinds: {known})',
  ),
  'manifest.evidence.needs-file': m(
    'error',
    'หลักฐาน "{kind}" ต้องระบุไฟล์ (file:)',
    'Evidence "{kind}" needs a file (file:)',
  ),
  'manifest.evidence.needs-url': m(
    'error',
    'หลักฐาน "{kind}" ต้องระบุลิงก์ (url:)',
    'Evidence "{kind}" needs a link (url:)',
  ),
  'manifest.evidence.needs-file-or-url': m(
    'error',
    'หลักฐาน "{kind}" ต้องระบุไฟล์ (file:) หรือลิงก์ (url:)',
    'Evidence "{kind}" needs a file (file:) or a link (url:)',
  ),
  'manifest.evidence.needs-school': m(
    'error',
    'หลักฐานการใช้งานของสถานศึกษาต้องระบุรหัสสถานศึกษา (school:)',
    'School usage evidence needs the school code (school:)',
  ),
  'manifest.table.conflict': m(
    'warning',
    'ตาราง {table} ถูกอ้างถึงด้วยไฟล์ต่างกัน ({other}) จะใช้ไฟล์แรกในการคำนวณ',
    'Table {table} is linked to different files ({other}); the first is used for figures',
  ),

  // --- evidence files and links ---------------------------------------------------------
  'evidence.file.missing': m('error', 'ไม่พบไฟล์ "{file}"', 'File "{file}" does not exist'),
  'evidence.file.not-a-file': m('error', '"{file}" ไม่ใช่ไฟล์ (เป็นโฟลเดอร์)', '"{file}" is not a file (a folder)'),
  'evidence.file.empty': m('error', 'ไฟล์ "{file}" ว่างเปล่า (0 ไบต์)', 'File "{file}" is empty (0 bytes)'),
  'evidence.file.outside-workspace': m(
    'error',
    'ไฟล์ "{file}" อยู่นอกโฟลเดอร์งาน ({root}) ผู้ตรวจจะไม่ได้รับไฟล์นี้',
    'File "{file}" lies outside the workspace ({root}); reviewers will not receive it',
  ),
  'evidence.file.wrong-type': m(
    'error',
    'ไฟล์ "{file}" เป็นชนิด {ext} ซึ่งใช้เป็นหลักฐานนี้ไม่ได้ (ชนิดที่รับ: {accepted})',
    'File "{file}" is of type {ext}, not accepted for this evidence (accepted: {accepted})',
  ),
  'evidence.file.content-mismatch': m(
    'warning',
    'ไฟล์ "{file}" มีนามสกุล .{ext} แต่เนื้อไฟล์เป็น {actual}',
    'File "{file}" is named .{ext} but its content is {actual}',
  ),
  'evidence.link.malformed': m(
    'error',
    'ลิงก์ "{url}" ไม่ถูกต้อง: {detail}',
    'Malformed link "{url}": {detail}',
  ),
  'evidence.link.login-undocumented': m(
    'information',
    'หากระบบต้องเข้าสู่ระบบ ให้ระบุวิธีรับชื่อผู้ใช้/รหัสผ่าน (login:) ตามที่เกณฑ์กำหนด',
    'If the system needs a login, say how reviewers get the username/password (login:), as the criterion asks',
  ),
  'manifest.password.plain-text': m(
    'warning',
    'พบรหัสผ่านเขียนไว้ในไฟล์ที่จะเผยแพร่ ให้ลบออกและระบุว่า "แจ้งเมื่อผู้ตรวจร้องขอ"',
    'A password is written in plain text in a manifest meant to be shared; remove it and say it is given on request',
  ),
  'evidence.date.no-such-day': m(
    'warning',
    'ไม่มีวันที่ {date} ในปฏิทิน (ตรวจวัน เดือน และปี พ.ศ.; ปีอธิกสุรทินนับจากปี ค.ศ.)',
    'There is no such day as {date} (check the day, month and Buddhist-Era year; leap years follow the Common Era)',
  ),
  'evidence.date.invalid': m(
    'warning',
    'วันที่ "{date}" ไม่ถูกต้อง (ใช้รูปแบบ ปปปป-ดด-วว เช่น 2566-11-15)',
    'Invalid date "{date}" (use YYYY-MM-DD, e.g. 2566-11-15)',
  ),
  'evidence.date.outside-fiscal-year': m(
    'warning',
    'วันที่ {date} อยู่นอกปีงบประมาณ {year} ({from} ถึง {to})',
    'Date {date} lies outside fiscal year {year} ({from} to {to})',
  ),
  'evidence.date.outside-round': m(
    'warning',
    'วันที่ {date} อยู่หลังสิ้นสุด{round} ({to})',
    'Date {date} lies after the end of the {round} ({to})',
  ),
  'evidence.date.era-mixed': m(
    'warning',
    'วันที่ {date} เป็นปี ค.ศ. ขณะที่ส่วนอื่นใช้ปี พ.ศ. (อ่านเป็น {converted})',
    'Date {date} is in the Common Era while the rest uses the Buddhist Era (read as {converted})',
  ),

  // --- X2 rubric checks ---------------------------------------------------------------------
  'rubric.point.missing-evidence': m(
    'error',
    '{round} ประเด็นที่ {point}: ขาดหลักฐาน "{requirement}"{count}',
    '{round}, point {point}: missing evidence "{requirement}"{count}',
  ),
  'rubric.school-usage.too-few': m(
    'error',
    'ต้องมีหลักฐานการใช้งานของสถานศึกษาอย่างน้อย {min} แห่ง (พบ {found} แห่ง)',
    'Usage evidence is needed from at least {min} schools (found {found})',
  ),
  'rubric.school-usage.unknown-school': m(
    'error',
    'สถานศึกษารหัส {school} ไม่อยู่ในตาราง {table}',
    'School {school} is not listed in table {table}',
  ),
  'rubric.school-code.malformed': m(
    'error',
    'รหัสสถานศึกษา "{code}" ไม่ถูกต้อง (ต้องเป็นตัวเลข 10 หลัก, 8 หลัก (SMIS) หรือ 6 หลัก (OBEC))',
    'Malformed school code "{code}" (10-digit national, 8-digit SMIS or 6-digit OBEC)',
  ),
  'rubric.figure.missing': m(
    'warning',
    '{round}: ยังไม่ได้ระบุ "{figure}" (figures.{id})',
    '{round}: "{figure}" is not declared (figures.{id})',
  ),
  'rubric.figure.mismatch': m(
    'error',
    '"{figure}" ระบุไว้ {declared} แต่ตาราง {table} ให้ค่า {measured}',
    '"{figure}" is declared as {declared} but table {table} gives {measured}',
  ),
  'rubric.figure.inconsistent': m(
    'error',
    '"{figure}" ({value}) มากกว่า "{other}" ({otherValue})',
    '"{figure}" ({value}) exceeds "{other}" ({otherValue})',
  ),
  'rubric.figure.not-a-number': m(
    'error',
    '"{figure}" ต้องเป็นจำนวน (พบ "{value}")',
    '"{figure}" must be a number (found "{value}")',
  ),
  'rubric.figure.unknown': m(
    'error',
    'ไม่รู้จักตัวเลข "{id}" ใน{round} (ที่ใช้ได้: {known})',
    'Unknown figure "{id}" in the {round} (known: {known})',
  ),

  // --- maturity frameworks (PMQA, seed 001) ---------------------------------------------------------
  'pmqa.item.unknown': m('error', 'ไม่รู้จักประเด็น "{item}" (ที่ใช้ได้: {known})', 'Unknown sub-item "{item}" (known: {known})'),
  'pmqa.item.missing': m(
    'warning',
    'ยังไม่ได้รายงานประเด็น {item} {title} (ได้ 0 คะแนน)',
    'Sub-item {item} ({title}) is not reported (it scores 0)',
  ),
  'pmqa.item.not-reported': m(
    'warning',
    'ประเด็น {item} สพท. ไม่ต้องรายงาน: ใช้คะแนนจาก{source} ให้ลบออก หรือระบุผลไว้ที่ sources.{sourceId}',
    'Sub-item {item} is not reported by the office: its score comes from {source}; remove it, or give the result under sources.{sourceId}',
  ),
  'pmqa.level.missing': m(
    'error',
    'ประเด็น {item}: ยังไม่ได้ระบุระดับที่ประเมินตนเอง (level: {known})',
    'Sub-item {item}: the self-assessed level is not given (level: {known})',
  ),
  'pmqa.level.unknown': m('error', 'ไม่รู้จักระดับ "{level}" (ที่ใช้ได้: {known})', 'Unknown level "{level}" (known: {known})'),
  'pmqa.level.unsupported': m(
    'error',
    'ประเด็น {item} ประเมินตนเองระดับ {level} แต่ยังไม่มีหลักฐานของระดับ {level} ({missing}) จึงได้ระดับ {reached}',
    'Sub-item {item} claims {level} without the evidence for {level} ({missing}); it reaches {reached}',
  ),
  'pmqa.level.skipped': m(
    'error',
    'ประเด็น {item} ประเมินตนเองระดับ {level} แต่ข้ามระดับ {skipped} ซึ่งยังไม่มีหลักฐาน ({missing}) ระดับต้องผ่านตามลำดับ จึงได้ระดับ {reached}',
    'Sub-item {item} claims {level} but skips {skipped}, which has no evidence ({missing}); levels are cumulative, so it reaches {reached}',
  ),
  'pmqa.attachment.missing': m(
    'error',
    'ประเด็น {item}: ขาดเอกสารแนบ "{attachment}"',
    'Sub-item {item}: missing attachment "{attachment}"',
  ),
  'pmqa.evidence.level-missing': m(
    'error',
    'หลักฐาน "{kind}" ต้องระบุว่าแสดงระดับใด (level: {known})',
    'Evidence "{kind}" must say which level it shows (level: {known})',
  ),
  'pmqa.evidence.above-claimed': m(
    'information',
    'มีหลักฐานของระดับ {level} แต่ประเด็น {item} ประเมินตนเองเพียงระดับ {claimed}',
    'There is evidence for {level}, but sub-item {item} only claims {claimed}',
  ),
  'pmqa.project.missing': m(
    'error',
    'ประเด็น {item}: ยังไม่ได้ระบุโครงการที่ยกมาอ้างอิง (project:) เอกสารแนบทุกชิ้นต้องเป็นโครงการเดียวกัน',
    'Sub-item {item}: the project cited is not given (project:); every attachment must be of that one project',
  ),
  'pmqa.project.mismatch': m(
    'error',
    'เอกสารนี้อ้างโครงการ "{project}" แต่ประเด็น {item} อ้างโครงการ "{expected}" (ต้องเป็นโครงการเดียวกันตลอดประเด็น)',
    'This document cites the project "{project}" but sub-item {item} cites "{expected}" (one project throughout the sub-item)',
  ),
  'pmqa.source.missing': m(
    'error',
    'ยังไม่ได้ระบุผลจาก{source} (sources.{sourceId}.{field}) ประเด็น {items} จึงยังไม่มีคะแนน',
    'The result from {source} is not given (sources.{sourceId}.{field}); no score yet for sub-item(s) {items}',
  ),
  'pmqa.source.invalid': m(
    'error',
    'ผลจาก{source} "{value}" ไม่ถูกต้อง ({detail})',
    'The result from {source} "{value}" is invalid ({detail})',
  ),
  'pmqa.source.unknown': m('error', 'ไม่รู้จักแหล่งคะแนน "{sourceId}" (ที่ใช้ได้: {known})', 'Unknown score source "{sourceId}" (known: {known})'),
  'pmqa.indicator.missing': m(
    'error',
    'มิติ {item}: ยังไม่ได้ระบุตัวชี้วัด (indicator: ชื่อ ค่าเป้าหมาย ผลการดำเนินการ)',
    'Dimension {item}: no indicator given (indicator: title, target, result)',
  ),
  'pmqa.indicator.count': m(
    'error',
    'มิติ {item} ต้องมีตัวชี้วัด {expected} ตัวเท่านั้น (พบ {found} ตัว) จึงยังไม่คิดคะแนน',
    'Dimension {item} must have exactly {expected} indicator (found {found}); it is not scored',
  ),
  'pmqa.indicator.duplicate': m(
    'error',
    'ตัวชี้วัด "{indicator}" ซ้ำกับมิติ {other} (ห้ามใช้ตัวชี้วัดเดียวกันซ้ำในมิติอื่น)',
    'The indicator "{indicator}" is also used in dimension {other} (an indicator may answer one dimension only)',
  ),
  'pmqa.indicator.type-unknown': m('error', 'ไม่รู้จักรูปแบบค่า "{type}" (ที่ใช้ได้: {known})', 'Unknown value type "{type}" (known: {known})'),
  'pmqa.indicator.type-mismatch': m(
    'error',
    'ผลการดำเนินการเป็น{result} แต่ค่าเป้าหมายเป็น{target} (ต้องเป็นรูปแบบเดียวกัน)',
    'The result is a {result} but the target is a {target} (they must be of one type)',
  ),
  'pmqa.indicator.value-invalid': m('error', '"{value}" ไม่ใช่{type}ที่ถูกต้อง ({detail})', '"{value}" is not a valid {type} ({detail})'),
  'pmqa.indicator.baseline-missing': m(
    'error',
    'มิติ {item}: ตัวชี้วัดเดิมของปีที่แล้ว ต้องระบุค่า Baseline (ผลการดำเนินการปีที่แล้ว)',
    "Dimension {item}: an indicator repeating last year's needs its baseline (last year's result)",
  ),
  'pmqa.indicator.not-achieved': m(
    'warning',
    'มิติ {item}: ผลการดำเนินการ {result} ไม่บรรลุค่าเป้าหมาย {target} จึงได้ {points} คะแนน (ต่ำกว่าระดับ {first})',
    'Dimension {item}: the result {result} does not reach the target {target}, so it scores {points} (below {first})',
  ),
  'pmqa.total.mismatch': m(
    'warning',
    '{what} ระบุไว้ {stated} แต่คำนวณได้ {computed}',
    '{what}: stated as {stated}, but computes to {computed}',
  ),
  'pmqa.category.unknown': m('error', 'ไม่รู้จักหมวด "{category}" (ที่ใช้ได้: {known})', 'Unknown category "{category}" (known: {known})'),

  // --- workbooks -------------------------------------------------------------------------------
  'workbook.not-found': m('error', 'ไม่พบไฟล์ตาราง "{file}"', 'Workbook "{file}" does not exist'),
  'workbook.empty-file': m('error', 'ไฟล์ตาราง "{file}" ว่างเปล่า (0 ไบต์)', 'Workbook "{file}" is empty (0 bytes)'),
  'workbook.not-zip': m(
    'error',
    '"{file}" ไม่ใช่ไฟล์ Excel (.xlsx) ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx',
    '"{file}" is not an Excel (.xlsx) file; open it in Excel and save it as .xlsx',
  ),
  'workbook.legacy-xls': m(
    'error',
    '"{file}" เป็นไฟล์ Excel รุ่นเก่า (.xls) ให้บันทึกเป็น .xlsx',
    '"{file}" is a legacy Excel (.xls) file; save it as .xlsx',
  ),
  'workbook.encrypted': m(
    'error',
    '"{file}" ถูกตั้งรหัสผ่าน ผู้ตรวจเปิดไม่ได้ ให้ยกเลิกรหัสผ่านแล้วบันทึกใหม่',
    '"{file}" is password-protected; reviewers cannot open it. Remove the password and save again',
  ),
  'workbook.truncated': m(
    'error',
    '"{file}" เสียหายหรือไม่สมบูรณ์ ({detail})',
    '"{file}" is damaged or truncated ({detail})',
  ),
  'workbook.zip-bomb': m(
    'error',
    '"{file}" ขยายตัวเกินขีดจำกัดที่ปลอดภัย ({detail}) จึงไม่ได้อ่าน',
    '"{file}" expands beyond safe limits ({detail}); not read',
  ),
  'workbook.too-large': m('error', '"{file}" ใหญ่เกินไป ({detail})', '"{file}" is too large ({detail})'),
  'workbook.not-xlsx': m(
    'error',
    '"{file}" เป็นไฟล์ zip แต่ไม่ใช่สมุดงาน Excel',
    '"{file}" is a zip file but not an Excel workbook',
  ),
  'workbook.no-sheets': m('error', '"{file}" ไม่มีแผ่นงาน', '"{file}" has no worksheets'),
  'workbook.timeout': m(
    'error',
    'อ่าน "{file}" ไม่เสร็จภายในเวลาที่กำหนด จึงหยุดอ่าน',
    'Reading "{file}" took too long and was stopped',
  ),
  'workbook.out-of-memory': m(
    'error',
    'อ่าน "{file}" ต้องใช้หน่วยความจำเกินขีดจำกัด จึงหยุดอ่าน',
    'Reading "{file}" needed more memory than allowed and was stopped',
  ),
  'workbook.read-failed': m('error', 'อ่าน "{file}" ไม่สำเร็จ ({detail})', 'Could not read "{file}" ({detail})'),
  'workbook.macro-enabled': m(
    'warning',
    '"{file}" มีแมโคร (.xlsm) ให้บันทึกเป็น .xlsx ก่อนส่ง',
    '"{file}" contains macros (.xlsm); save it as .xlsx before submitting',
  ),
  'workbook.merge-clipped': m(
    'warning',
    'ช่วงเซลล์ที่ผสาน {ref} ใหญ่ผิดปกติ จึงไม่นำค่ามาใช้',
    'Merged range {ref} is abnormally large; its value is not spread',
  ),
  'workbook.cells-clipped': m(
    'warning',
    'แผ่นงาน "{sheet}" มีเซลล์มากเกินขีดจำกัด อ่านได้เพียงบางส่วน',
    'Sheet "{sheet}" has more cells than allowed; only part of it was read',
  ),
  'workbook.wrong-extension': m(
    'error',
    'ตาราง {table} ต้องเป็นไฟล์ .xlsx (พบ .{ext})',
    'Table {table} must be an .xlsx file (found .{ext})',
  ),
  'table.header.not-found': m(
    'error',
    'ไม่พบหัวตาราง {table} ในไฟล์ (ต้องมีคอลัมน์ {columns})',
    'The header of table {table} was not found (it needs the columns {columns})',
  ),
  'table.header.missing-column': m(
    'error',
    'หัวตาราง {table} ขาดคอลัมน์ "{column}" (ชื่อที่รับได้: {aliases})',
    'The header of table {table} lacks the column "{column}" (accepted: {aliases})',
  ),
  'table.no-rows': m('error', 'ตาราง {table} ไม่มีข้อมูล', 'Table {table} has no data rows'),
  'table.school-code.duplicate': m(
    'error',
    'รหัสสถานศึกษา {code} ซ้ำกับแถว {firstRow}',
    'School code {code} duplicates row {firstRow}',
  ),
  'table.school-code.malformed': m(
    'error',
    'รหัสสถานศึกษา "{code}" ไม่ถูกต้อง (ต้องเป็นตัวเลข 10 หลัก, 8 หลัก (SMIS) หรือ 6 หลัก (OBEC))',
    'Malformed school code "{code}" (10-digit national, 8-digit SMIS or 6-digit OBEC)',
  ),
  'table.school-code.missing': m(
    'error',
    'แถว {row} ไม่มีรหัสสถานศึกษา',
    'Row {row} has no school code',
  ),
  'table.area.empty': m(
    'warning',
    '{school}: ช่อง{column}ว่าง ให้กรอกชื่อระบบ หรือ "-" ถ้าไม่มี (นับเป็นไม่มีระบบ)',
    '{school}: the {column} cell is empty; write the system, or "-" if there is none (counted as none)',
  ),
  'table.yes-no.unrecognised': m(
    'warning',
    'อ่านค่า "{value}" ไม่ได้ว่าใช้หรือไม่ใช้ (นับเป็นไม่ใช้) ให้ใช้ "ใช้" หรือ "ไม่ใช้"',
    'Cannot tell whether "{value}" means yes or no (counted as no); use "ใช้" or "ไม่ใช้"',
  ),
  'table.yes-no.empty': m(
    'warning',
    'ช่อง "{column}" ว่าง (นับเป็นไม่ใช้) ให้กรอก "ใช้" หรือ "ไม่ใช้"',
    'The "{column}" cell is empty (counted as no); write "ใช้" (yes) or "ไม่ใช้" (no)',
  ),
  'table.term.unknown': m(
    'warning',
    'ไม่รู้จัก "{value}" ในคอลัมน์{column} (ค่าที่ใช้ได้: {known})',
    'Unknown "{value}" in the {column} column (known: {known})',
  ),
  'table.formula.not-calculated': m(
    'error',
    'สูตร ={formula} ยังไม่ได้คำนวณ ({count} เซลล์ในคอลัมน์นี้) ให้เปิดไฟล์ใน Excel แล้วบันทึกใหม่ (จะไม่ถือเป็น 0)',
    'The formula ={formula} has no calculated value ({count} cells in this column); open and save the file in Excel (it is not read as 0)',
  ),
  'table.url.malformed': m('warning', 'ลิงก์ "{url}" ไม่ถูกต้อง', 'Malformed link "{url}"'),
  'table.integer.invalid': m('warning', '"{value}" ไม่ใช่จำนวนเต็ม', '"{value}" is not a whole number'),

  // --- packs --------------------------------------------------------------------------------------
  'pack.yaml.syntax': m('error', 'ชุดเกณฑ์ YAML ไม่ถูกต้อง: {detail}', 'Invalid pack YAML: {detail}'),
  'pack.schema.invalid': m('error', 'ชุดเกณฑ์ไม่ถูกต้องที่ {path}: {detail}', 'Invalid pack at {path}: {detail}'),
  'pack.reference.unknown': m(
    'error',
    'ชุดเกณฑ์อ้างถึง {what} "{id}" ที่ไม่มีอยู่ ({path})',
    'The pack refers to an unknown {what} "{id}" ({path})',
  ),
  'pack.weights.sum': m('error', 'ค่าน้ำหนักที่ {path} ต้องรวมได้ร้อยละ 100 (รวมได้ {sum})', 'The weights at {path} must sum to 100 % (they sum to {sum})'),
  'pack.duplicate': m(
    'error',
    'ชุดเกณฑ์ {id} ฉบับ {edition} ซ้ำกับ {other}',
    'Pack {id} edition {edition} duplicates {other}',
  ),
} as const satisfies Record<string, MessageSpec>;

export type MessageCode = keyof typeof MESSAGES;
