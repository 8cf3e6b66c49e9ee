import { invitedText } from '../../cli/beslutsflode';

test('the CLI counts invitations in Swedish: 1 inbjuden, 2 inbjudna, 1 234 inbjudna', () => {
  expect([0, 1, 2, 1234].map(invitedText)).toEqual(['0 inbjudna', '1 inbjuden', '2 inbjudna', '1\u00a0234 inbjudna']);
});
