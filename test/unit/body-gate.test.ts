import { parseContentType } from '../../server/middleware/body-gate';
import { bodyParserError } from '../../server/http-errors';

test('parseContentType reads the media type and its parameters, and refuses what is not one', () => {
  expect(parseContentType('application/json')).toEqual({ type: 'application/json', parameters: {} });
  expect(parseContentType('Application/JSON; Charset="UTF-8"')).toEqual({ type: 'application/json', parameters: { charset: 'UTF-8' } });
  expect(parseContentType('application/x-www-form-urlencoded;charset=utf-8;')).toEqual({
    type: 'application/x-www-form-urlencoded',
    parameters: { charset: 'utf-8' },
  });
  for (const bad of [
    undefined,
    '',
    'json',
    'application/json/x',
    'application/json; charset',
    'application/json; charset=a; charset=b',
    'app lication/json',
    '/json',
  ]) {
    expect([bad, parseContentType(bad)]).toEqual([bad, undefined]);
  }
});

test('every error of the body parsers is a 4xx with a code; anything else is not theirs', () => {
  const cases: Array<[Record<string, unknown>, number, string]> = [
    [{ type: 'entity.parse.failed', status: 400 }, 400, 'MALFORMED_JSON'],
    [{ type: 'encoding.invalid', status: 400 }, 400, 'MALFORMED_BODY_ENCODING'],
    [{ type: 'charset.unsupported', status: 415 }, 415, 'UNSUPPORTED_CHARSET'],
    [{ type: 'encoding.unsupported', status: 415 }, 415, 'UNSUPPORTED_CONTENT_ENCODING'],
    [{ type: 'entity.too.large', status: 413 }, 413, 'BODY_TOO_LARGE'],
    [{ type: 'parameters.too.many', status: 413 }, 413, 'BODY_TOO_LARGE'],
    [{ type: 'request.size.invalid', status: 400 }, 400, 'MALFORMED_BODY'],
    [{ type: 'request.aborted', status: 400 }, 400, 'MALFORMED_BODY'],
    [{ type: 'stream.encoding.set', status: 500 }, 0, ''],
    [{ type: 'something.new', status: 400 }, 400, 'MALFORMED_BODY'],
  ];
  for (const [err, status, code] of cases) {
    const e = bodyParserError(Object.assign(new Error('x'), err));
    expect([err.type, e?.status ?? 0, e?.code ?? '']).toEqual([err.type, status, code]);
    if (e) expect(e.message).toMatch(/[åäöÅÄÖ]|Begär/);
  }
  expect(bodyParserError(new Error('ett programfel'))).toBeUndefined();
  expect(bodyParserError(null)).toBeUndefined();
});
