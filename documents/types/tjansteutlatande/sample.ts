/**
 * The tjänsteutlåtande's sample is seed 000 (npm start also seeds it as demo data: demo/seed-000.ts).
 *
 * Seed 000 (its text: test/fixtures/seed-000.txt): Stockholms stad, socialförvaltningen,
 * tjänsteutlåtande "Hemställan om att ansluta till Yrkesresan", as structured data.
 *
 * The text is the seed's, word for word: hard-wrapped lines are joined into paragraphs with single spaces,
 * blank lines separate paragraphs. Kept as written in the seed, although they look like slips:
 * "2,43- 2.47 kr" and "2028-06-31" (a date that does not exist), "Storsthlm"/"StorSthlm".
 * Page breaks in the extracted text show as a line starting with a space and swallow the blank line between
 * paragraphs (see the signatures, which follow the last paragraph without a blank line). So a page-break line
 * that continues a sentence ("Socialstyrelsen.", "innebära att …") is joined to its paragraph, while
 * "Ett femte verksamhetsområde …", which follows a finished sentence at a page break, starts a new paragraph.
 *
 * NOT in the seed (the extract has no header): diarienummer, date and handläggare. SEED_000_PLACEHOLDERS
 * holds invented values for them, clearly marked; do not present them as Stockholm's.
 */
import type { z } from 'zod';
import type { schema } from './schema';

type TjansteutlatandeInput = z.input<typeof schema>;

/** Values the seed does not contain, invented for tests and demos. */
export const SEED_000_PLACEHOLDERS = {
  /** placeholder number (0000) in the shape of a nämnd series */
  diarienummer: 'SN 2026/0000',
  /** after the consultations the seed mentions (3 and 4 June); the year is the seed's (2026) */
  date: '2026-06-05',
  caseOfficer: { name: 'Exempel Exempelsson', title: 'utredare' },
} as const;

export const SEED_000_TITLE = 'Hemställan om att ansluta till Yrkesresan';

export const SEED_000_PROPOSALS = [
  'Socialnämnden godkänner förvaltningens förslag till hemställan om att ansluta till Yrkesresan.',
  'Socialnämnden överlämnar förslaget till kommunfullmäktige för godkännande.',
] as const;

const summary = [
  'Yrkesresan är ett strukturerat arbetssätt för introduktion och långsiktig kompetensutveckling för medarbetare inom socialtjänsten. Satsningen på Yrkesresan är ett samarbete mellan kommunal, regional och nationell nivå. Sveriges Kommuner och Regioner (SKR) är projektägare. Alla utbildningar i Yrkesresan är kvalitetssäkrade av Socialstyrelsen och genomförs på ett pedagogiskt och systematiskt sätt. Förvaltningen ser behov av att stärka arbetet med att ge medarbetare kontinuerlig, kunskapsbaserad kompetensutveckling som genomförs strukturerat och möter verksamheternas behov. Förvaltningen bedömer att en anslutning till Yrkesresan bidrar till att Stockholms socialtjänst arbetar mer kunskapsbaserat.',
  'Socialförvaltningen föreslår att socialnämnden godkänner förvaltningens förslag till hemställan om att ansluta till Yrkesresan och att socialnämnden överlämnar förslaget till kommunfullmäktige för godkännande.',
];

const background = [
  'Yrkesresan är ett strukturerat arbetssätt för introduktion och långsiktig kompetensutveckling för medarbetare inom socialtjänsten. Sveriges Kommuner och Regioner (SKR) är projektägare och samordnar arbetet.',
  'Satsningen på Yrkesresan är ett samarbete mellan kommunal, regional och nationell nivå. Kommunernas efterfrågan och finansiering är motorn i arbetet. De regionala samverkans- och stödstrukturerna (RSS) ansvarar för utveckling, drift och samordning av de olika yrkesresorna. Yrkesresan förmedlar bästa tillgängliga kunskap genom ett lärande som kombinerar en digital lärmiljö med kurstillfällen som anordnas regionalt. Innehållet är framtaget i nära samarbete med och kvalitetssäkrat av Socialstyrelsen. Av landets kommuner är idag 278 anslutna till Yrkesresan.',
];

const matter = [
  'Kompetensförsörjningen inom socialtjänsten är ett reellt problem och kommer bli än mer utmanande när allt färre ska försörja fler. Kompetensförsörjningsutmaningen i kombination med omställningen till en ny socialtjänstlag förutsätter att socialnämnden stödjer alla socialtjänstens verksamheter på nya strategiska sätt.',
  'Socialnämnden har ett övergripande ansvar för utveckling och samordning av kompetenshöjande åtgärder för att stärka kompetensförsörjningen till socialtjänsten. Det finns behov av att bredda arbetet för en hållbar och långsiktig kompetensförsörjning där medarbetare känner större möjligheter att stanna kvar i Stockholms stads socialtjänst. Likaså finns behov av att stärka förmågan att ge medarbetare kontinuerlig, kunskapsbaserad kompetensutveckling som genomförs strukturerat och möter verksamheternas behov.',
  'Yrkesresan bidrar i arbetet med Framtidens socialtjänst (omställningen till ny Socialtjänstlag) genom att erbjuda bästa tillgängliga kunskap på ett samlat och pedagogiskt sätt. Utbildningarnas innehåll utvecklas löpande och tar hänsyn till utvärderingar och ny lagstiftning.',
  'Yrkesresan täcker in fyra verksamhetsområden inom socialtjänsten. Yrkesresan Barn och unga vänder sig till medarbetare som arbetar med myndighetsutövning och familjehem inom den sociala barn- och ungdomsvården, samt deras arbetsledare och chefer. Resan lanserades 2022.',
  'Yrkesresan Funktionshinder erbjuder kurser i två spår – både till medarbetare inom utförarverksamheter och inom myndighetsutövning. De första kurserna riktade till utförarverksamheter vänder sig till medarbetare som ger stöd, service eller omsorg inom funktionshinderområdet, samt deras chefer och lanserades 2024. Under 2026 lanseras de första kurserna för medarbetare och chefer inom myndighetsutövning.',
  'Yrkesresan Skadligt bruk och beroende vänder sig till medarbetare som arbetar med myndighetsutövning inom området skadligt bruk och beroende samt deras arbetsledare och chefer. Resan lanserades våren 2025.',
  'Yrkesresan Äldre vänder sig till medarbetare som ger stöd, vård och omsorg inom äldreomsorgen, samt deras chefer. Resan lanserades hösten 2025.',
  'Ett femte verksamhetsområde är under utveckling. Under hösten 2026 och våren 2027 planeras en förstudie för Yrkesresan Ekonomiskt bistånd. Produktion förväntas påbörjas våren 2028.',
  'Inom varje yrkesresa finns utbildningar som vänder sig till arbetsledare och chefer. Kurserna ska stärka chefer inom socialtjänst att leda i en lärandeorganisation och kunskapsbaserad verksamhet.',
  'Vid ett inträde tecknas ett avtal med projektägaren SKR och ger kommunen tillgång till alla delar i Yrkesresan. Kommunen kan därefter välja vilka delar av innehållet som ska nyttjas. Nuvarande avtalsperiod löper fram till 2028-06-31. Dialoger om ny avtalsperiod och vilka yrkesresor som fortsättningsvis ska utvecklas förs mellan SKR och intresserade kommuner. I dessa dialoger kan Stockholms stad få möjlighet att påverka utformningen av Yrkesresans framtid.',
  'Den nationella avgiften baseras på antalet invånare i kommunen. För Stockholms stad innebär det under nuvarande avtalsperiod 2,43- 2.47 kr per invånare och år. SKR har nyligen beslutat att släppa kravet på att kommuner som ansluter sig till Yrkesresan behöver betala en retroaktiv avgift för hela avtalsperioden.',
  'I Stockholms län är det StorSthlm som står för det regionala genomförandet för kommuner som är anslutna till Yrkesresan. För att få del av detta betalar kommunerna i nuvarande avtalsperiod dessutom en avgift om 1,88 kr per invånare och år till StorSthlm. Med anledning av Stockholms stads storlek bedömer såväl SKR som StorSthlm att en möjlig väg är att staden själva organiserar det som motsvarar regionala genomförandet.',
];

const preparation = [
  'Ärendet har beretts inom avdelningen för strategi och utveckling. Förvaltningsgruppen har behandlat ärendet den 3 juni. Rådet för funktionshinderfrågor har haft möjlighet att behandla ärendet den 4 juni.',
];

const assessment = [
  'Förvaltningen bedömer att en anslutning till Yrkesresan kan bidra till att Stockholms socialtjänst blir en mer kunskapsbaserad verksamhet. Alla kurser är kvalitetssäkrade av Socialstyrelsen och genomförs på ett pedagogiskt och systematiskt sätt. En central del i utvecklingen mot en mer kunskapsbaserad socialtjänst är att stärka arbetsledares och chefers roll. Yrkesresan bedöms bidra till detta.',
  'Vid ett införande av Yrkesresan bedömer förvaltningen att Stockholms stad, istället för Storsthlm, bör ansvara för organisering och administration av de regionala delarna av genomförandet och att uppdraget bör ligga på berörda fackförvaltningar. Det skulle innebära att resurser och organisation för att utföra och implementera utbildningarna behöver tillsättas både till ansvarig facknämnd och inom varje stadsdelsnämnd. Förvaltningen gör bedömningen att detta tillvägagångssätt skulle möjliggöra flexibilitet i utformandet och i stödet till stadsdelsnämnderna. Därtill är bedömningen att detta tillvägagångssätt kommer vara mer kostnadseffektivt än att det regionala genomförande sker i Storsthlms regi.',
  'Förvaltningen gör bedömningen att ett beslut om att ansluta till Yrkesresan stärker möjligheterna att nå målet med en stabil kompetensförsörjning och ses som ett strategiskt viktigt beslut för en kunskapsbaserad socialtjänst och skulle gynna hela stadens socialtjänst. Eftersom Yrkesresan endast omfattar vissa verksamhetsområden och yrkesgrupper bedömer förvaltningen att en anslutning inte fullt ut tillgodoser behovet av kompetensutveckling, utan behöver kompletteras med ytterligare utbildningsinsatser.',
  'Äldreförvaltningen ser i nuläget inte behov av att ansluta till Yrkesresan. Om bedömning ändras i ett senare skede kommer äldreomsorgens medarbetare också ha möjlighet att ta del av Yrkesresan.',
  'Förvaltningen bedömer att:',
  {
    bullets: [
      'Stockholms stad ska ansluta till Yrkesresan från och med juli 2027.',
      'Socialnämnden (och äldrenämnden vid ett eventuellt ändrat ställningstagande) ansvarar för organisering och administration av de regionala delarna av genomförande.',
      'Socialnämnden (och äldrenämnden vid ett eventuellt ändrat ställningstagande) ansvarar för den årliga nationella kostnaden till SKR.',
      'Stadsdelsnämnderna, avdelningen för socialt stöd och avdelningen för beredskap och administration på socialförvaltningen, ansvarar för att möjliggöra genomförandet av Yrkesresan genom att bidra med utbildare, säkerställa deltagande i utbildningsinsatser samt ombesörja nödvändig kontoadministration.',
    ],
  },
  'Socialförvaltningen föreslår att socialnämnden godkänner förvaltningens förslag till hemställan om att ansluta till Yrkesresan och att socialnämnden överlämnar förslaget till kommunfullmäktige för godkännande.',
];

/** The sections in seed 000's order: [heading as printed, blocks]. */
export const SEED_000_SECTIONS = [
  ['Sammanfattning', summary],
  ['Bakgrund', background],
  ['Ärendet', matter],
  ['Ärendets beredning', preparation],
  ['Förvaltningens synpunkter och förslag', assessment],
] as const;

export const SEED_000_SIGNATORIES = [
  { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör', unit: 'Socialförvaltningen' },
  { name: 'Lina Blombergsson', title: 'Avdelningschef', unit: 'Socialförvaltningen' },
];

export const SEED_000_ATTACHMENTS = ['PM SKR Hur bidrar Yrkesresan till en kunskapsbaserad socialtjänst?'];

export const seed000: TjansteutlatandeInput = {
  diarienummer: SEED_000_PLACEHOLDERS.diarienummer,
  date: SEED_000_PLACEHOLDERS.date,
  caseOfficer: { ...SEED_000_PLACEHOLDERS.caseOfficer },
  forvaltning: 'Socialförvaltningen',
  avdelning: 'Avdelningen för strategi och utveckling',
  addressee: 'Socialnämnden',
  title: SEED_000_TITLE,
  proposals: [...SEED_000_PROPOSALS],
  summary,
  background,
  matter,
  preparation,
  assessment,
  signatures: SEED_000_SIGNATORIES,
  attachments: SEED_000_ATTACHMENTS,
};

export const sample = seed000;
