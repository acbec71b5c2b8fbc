import { parseCsv } from './csv-rows';

const HEADER =
  'externalKey,kind,status,title,description,categoryCodes,audiences,deliveryModes,regionCodePrefixes,siteIds,capacityPerMonth,leadTimeDays,contactName,contactPhone,schedule,orderForm';

describe('parseCsv', () => {
  it('reads every column into the fields of a row, with the line the record starts on', () => {
    const text = [
      HEADER,
      'WJ-001,SERVICE,PUBLISHED,居民健康体检,"每月体检，请带身份证",SERVICE.HEALTH.CHECKUP,ELDERLY|families,ON_SITE,320581|320582,,40,3,卫健服务中心,0512-52731234,"1-5 09:00-17:00; 6,7 08:30-11:30","[{""key"":""attendees"",""label"":""人数"",""type"":""NUMBER""}]"',
    ].join('\n');
    const { rows, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        externalKey: 'WJ-001',
        kind: 'SERVICE',
        status: 'PUBLISHED',
        title: '居民健康体检',
        description: '每月体检，请带身份证',
        categoryCodes: ['SERVICE.HEALTH.CHECKUP'],
        audiences: ['ELDERLY', 'FAMILIES'],
        deliveryModes: ['ON_SITE'],
        serviceArea: { regionCodePrefixes: ['320581', '320582'] },
        capacityPerMonth: 40,
        leadTimeDays: 3,
        contactName: '卫健服务中心',
        contactPhone: '0512-52731234',
        schedule: [
          { days: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00' },
          { days: [6, 7], opensAt: '08:30', closesAt: '11:30' },
        ],
        orderForm: [{ key: 'attendees', label: '人数', type: 'NUMBER' }],
      },
    ]);
  });

  it('counts lines of quoted cells that span lines, CRLF endings, empty lines and a BOM; leaves empty cells out', () => {
    const text = '\uFEFFexternalKey,kind,description\r\nA,SERVICE,"第一行\r\n第二行"\r\n\r\nB,EXPERT,\r\n,,\r\nC,VENUE,"一\n\n二"\nD,PROJECT,x\n';
    const { rows, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(rows.map((row) => [row.externalKey, row.line])).toEqual([
      ['A', 2],
      ['B', 5],
      ['C', 7],
      ['D', 10],
    ]);
    expect(rows[0].description).toBe('第一行\n第二行');
    expect(rows[1]).toEqual({ line: 5, externalKey: 'B', kind: 'EXPERT' });
  });

  it('reports each cell that does not parse with its line and column, and keeps only the rows without problems', () => {
    const text = [
      'externalKey,kind,capacityPerMonth,leadTimeDays,audiences,schedule,orderForm',
      'A,SERVICE,forty,,,,',
      'B,SERVICE,,-1,,,',
      'C,GADGET,,,ELDERLY|ALIENS,1-9 09:00-10:00,{"key":"a"}',
      ',SERVICE,,,,,',
      'E,SERVICE,10,0,,,',
    ].join('\n');
    const { rows, problems } = parseCsv(text);
    expect(problems.map(({ line, field }) => [line, field])).toEqual([
      [2, 'capacityPerMonth'],
      [3, 'leadTimeDays'],
      [4, 'kind'],
      [4, 'audiences'],
      [4, 'schedule'],
      [4, 'orderForm'],
      [5, 'externalKey'],
    ]);
    expect(problems[0].message).toBe('"forty" is not a whole number');
    expect(rows).toEqual([{ line: 6, externalKey: 'E', kind: 'SERVICE', capacityPerMonth: 10, leadTimeDays: 0 }]);
  });

  it('reports unknown and missing columns on the header, and records of the wrong length', () => {
    expect(parseCsv('externalKey,titel\nA,讲座').problems).toEqual([
      { line: 1, field: 'titel', message: expect.stringContaining('is not a column') },
      { line: 1, field: 'kind', message: 'the header lacks this column' },
    ]);
    expect(parseCsv('externalKey,kind\nA,SERVICE,extra').problems).toEqual([{ line: 2, field: '', message: 'has 3 cells where the header has 2' }]);
    expect(parseCsv('externalKey,kind\nA,"SERVICE\n').problems).toEqual([{ line: expect.any(Number), field: '', message: expect.stringMatching(/^not CSV/) }]);
    expect(parseCsv('').problems).toEqual([{ line: 0, field: '', message: 'the file is empty' }]);
  });
});
