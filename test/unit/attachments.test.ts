import { checkAttachment, declaredAttachmentType, detectAttachmentType, handlingFieldsSchema, safeFileName } from '../../domain/attachments';

const PDF = Buffer.from('%PDF-1.7\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml....')]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....xl/workbook.xml....')]);

test('the type is read from the first bytes, not from the name', () => {
  expect(detectAttachmentType(PDF)).toBe('application/pdf');
  expect(detectAttachmentType(PNG)).toBe('image/png');
  expect(detectAttachmentType(JPEG)).toBe('image/jpeg');
  expect(detectAttachmentType(DOCX)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(detectAttachmentType(ZIP)).toBeUndefined(); // an Excel file or any other zip is not Word
  expect(detectAttachmentType(Buffer.from('<html>'))).toBeUndefined();
});

test('declared type: the browser’s, or the extension when the browser says octet-stream', () => {
  expect(declaredAttachmentType('application/pdf', 'x.bin')).toBe('application/pdf');
  expect(declaredAttachmentType('application/octet-stream', 'Yttrande.DOCX')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(declaredAttachmentType('image/jpg', 'a')).toBe('image/jpeg');
  expect(declaredAttachmentType('', 'bild.jpeg')).toBe('image/jpeg');
  expect(declaredAttachmentType('application/octet-stream', 'program.exe')).toBe('application/octet-stream');
});

test('checks: allowed type (415 UNSUPPORTED_FILE_TYPE), bytes match (415 FILE_CONTENT_MISMATCH), not empty (400)', () => {
  expect(checkAttachment('application/pdf', PDF)).toEqual({ type: 'application/pdf' });
  expect(checkAttachment('text/html', Buffer.from('<b>'))).toMatchObject({ status: 415, code: 'UNSUPPORTED_FILE_TYPE' });
  expect(checkAttachment('application/pdf', PNG)).toMatchObject({ status: 415, code: 'FILE_CONTENT_MISMATCH' });
  expect(checkAttachment('image/png', Buffer.alloc(0))).toMatchObject({ status: 400 });
});

test('file names lose paths and control characters; an odd one becomes bilaga.<ext>', () => {
  expect(safeFileName('C:\\Users\\x\\Yttrande ÄN.docx', 'application/pdf')).toBe('Yttrande ÄN.docx');
  expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe('bilaga.pdf');
  expect(safeFileName('a\u202Egpj.exe', 'image/jpeg')).toBe('agpj.exe');
  expect(safeFileName('"x".png', 'image/png')).toBe('x.png');
});

test('an inkommande handling needs a sender; an upprättad does not', () => {
  expect(handlingFieldsSchema.safeParse({ requestId: 'req-000001', direction: 'inkommande', description: 'D' }).success).toBe(false);
  expect(handlingFieldsSchema.safeParse({ requestId: 'req-000001', direction: 'upprattad', description: 'D' }).success).toBe(true);
});
