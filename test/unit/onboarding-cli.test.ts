import { parseArgs, UsageError } from '../../cli/beslutsflode';

describe('cli/beslutsflode.ts arguments', () => {
  it('bjud-in --lan 14 --ej-anslutna', () => {
    expect(parseArgs(['bjud-in', '--lan', '14', '--ej-anslutna'])).toEqual({
      command: 'bjud-in',
      program: 'yrkesresan',
      filter: { lanskod: '14', notConnected: true },
    });
  });

  it('named municipalities, a message, an id and the parallelism', () => {
    expect(
      parseArgs(['bjud-in', '--kommun', '0180', '--kommun', '1480', '--meddelande', 'Välkomna', '--id', 'a'.repeat(24), '--parallellt', '4']),
    ).toMatchObject({
      filter: { kommunkoder: ['0180', '1480'] },
      message: 'Välkomna',
      id: 'a'.repeat(24),
      concurrency: 4,
    });
    expect(parseArgs(['folj', 'b'.repeat(24)])).toMatchObject({ command: 'folj', id: 'b'.repeat(24) });
  });

  it('refuses what it does not know, in Swedish', () => {
    expect(() => parseArgs(['bjud-in', '--lan', '99'])).toThrow(new UsageError('--lan 99: länskoden finns inte (två siffror, t.ex. 14)'));
    expect(() => parseArgs(['bjud-in', '--kommun', '9999'])).toThrow(/kommunkoden finns inte/);
    expect(() => parseArgs(['bjud-in', '--status', 'kanske'])).toThrow(/okänd status/);
    expect(() => parseArgs(['bjud-in', '--lan'])).toThrow(/behöver ett värde/);
    expect(() => parseArgs(['radera'])).toThrow(/Okänt kommando/);
    expect(() => parseArgs(['folj'])).toThrow(/behöver massåtgärdens id/);
  });
});
