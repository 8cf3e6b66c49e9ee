/**
 * The demo users and API keys of config/users.json, in plain text, so that `npm start` can print them and tests can
 * sign in. config/users.json holds only their argon2id hashes (and SHA-256 of the keys). A production installation
 * replaces config/users.json (BF_USERS_FILE) and these are then printed nowhere.
 */
export interface DemoUser {
  id: string;
  username: string;
  password: string;
  name: string;
  role: 'namndsekreterare' | 'handlaggare' | 'lasare' | 'skr_admin';
  kommunkod?: string;
  namnder?: string[];
  /** May sign the agreement for the user's party, in this title (docs/auth.md). */
  signingRight?: { title: string };
}

export const DEMO_USERS = {
  stockholmSekreterare: {
    id: 'sthlm-sekreterare',
    username: 'sekreterare@stockholm',
    password: 'demo-Sthlm-sekr-2026',
    name: 'Sara Sekreterare',
    role: 'namndsekreterare',
    kommunkod: '0180',
  },
  stockholmHandlaggare: {
    id: 'sthlm-handlaggare',
    username: 'handlaggare@stockholm',
    password: 'demo-Sthlm-hand-2026',
    name: 'Hampus Handläggare',
    role: 'handlaggare',
    kommunkod: '0180',
    namnder: ['SN'],
  },
  stockholmLasare: {
    id: 'sthlm-lasare',
    username: 'lasare@stockholm',
    password: 'demo-Sthlm-las-2026',
    name: 'Linnea Läsare',
    role: 'lasare',
    kommunkod: '0180',
  },
  stockholmOrdforande: {
    id: 'sthlm-ordforande',
    username: 'ordforande@stockholm',
    password: 'demo-Sthlm-ordf-2026',
    name: 'Karin Kommunstyrelseordförande',
    role: 'lasare',
    kommunkod: '0180',
    signingRight: { title: 'Kommunstyrelsens ordförande' },
  },
  goteborgSekreterare: {
    id: 'gbg-sekreterare',
    username: 'sekreterare@goteborg',
    password: 'demo-Gbg-sekr-2026',
    name: 'Göran Sekreterare',
    role: 'namndsekreterare',
    kommunkod: '1480',
  },
  uppsalaSekreterare: {
    id: 'uppsala-sekreterare',
    username: 'sekreterare@uppsala',
    password: 'demo-Uppsala-sekr-2026',
    name: 'Ulla Sekreterare',
    role: 'namndsekreterare',
    kommunkod: '0380',
  },
  umeaSekreterare: {
    id: 'umea-sekreterare',
    username: 'sekreterare@umea',
    password: 'demo-Umea-sekr-2026',
    name: 'Ulf Sekreterare',
    role: 'namndsekreterare',
    kommunkod: '2480',
  },
  linkopingSekreterare: {
    id: 'linkoping-sekreterare',
    username: 'sekreterare@linkoping',
    password: 'demo-Lkpg-sekr-2026',
    name: 'Lena Sekreterare',
    role: 'namndsekreterare',
    kommunkod: '0580',
  },
  skrAdmin: {
    id: 'skr-admin',
    username: 'admin@skr',
    password: 'demo-SKR-admin-2026',
    name: 'Siv SKR-administratör',
    role: 'skr_admin',
    signingRight: { title: 'Avdelningschef, SKR' },
  },
} satisfies Record<string, DemoUser>;

/** API keys for machine clients (Authorization: Bearer …), each acting as a demo user. */
export const DEMO_TOKENS = {
  stockholm: {
    id: 'sthlm-integration',
    userId: 'sthlm-sekreterare',
    token: 'bf_demo_stockholm_9f2c4a7e1b6d',
    label: 'Stockholms ärendehanteringssystem (demo)',
  },
  stockholmOrdforande: {
    id: 'sthlm-ordforande-integration',
    userId: 'sthlm-ordforande',
    token: 'bf_demo_stockholm_ordf_5a8e2d1c9b47',
    label: 'Stockholms signeringstjänst (demo)',
  },
  goteborg: { id: 'gbg-integration', userId: 'gbg-sekreterare', token: 'bf_demo_goteborg_3e8a1c5f7d20', label: 'Göteborgs ärendehanteringssystem (demo)' },
  skr: { id: 'skr-integration', userId: 'skr-admin', token: 'bf_demo_skr_6b1d9e4a2c73', label: 'SKR:s rapportering (demo)' },
} as const;
