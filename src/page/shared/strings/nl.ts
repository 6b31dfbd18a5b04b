/**
 * De Nederlandse tekst van de pagina's: dezelfde sleutels en dezelfde `{velden}` als en.ts. Geschreven
 * voor Vlaanderen en Nederland (u-vorm); de lijst heet zoals in België: de bel-me-niet-meer-lijst.
 */
import type { PageStrings } from './en.ts';

export const nl: PageStrings = {
  page: {
    scopeLegend: 'Waarover u belt',
    scopeHelp:
      'Iemand kan ook alleen bepaalde soorten oproepen weigeren. Kies hoe u contact opneemt en waarover; laat bij twijfel ‘alle’ staan: dan sluit de pagina iedereen uit die een van die soorten oproepen heeft geweigerd.',
    scopeChannel: 'Oproepen via',
    scopeSector: 'over',
    scopeAny: 'alle (de veiligste keuze)',
    scopeChannelCall: 'telefoonoproepen (llamadas)',
    scopeChannelSms: 'sms en mms',
    scopeChannelEmail: 'e-mailberichten (correo electrónico)',
    scopeChannelPost: 'brievenpost (correo postal)',
    scopeSectorEnergy: 'energie en nutsvoorzieningen (energía y suministros)',
    scopeSectorTelecoms: 'telecommunicatie (telecomunicaciones)',
    scopeSectorFinance: 'bankwezen en financiën (banca y finanzas)',
    scopeSectorInsurance: 'verzekeringen (seguros)',
    scopeSectorRetail: 'handel en consumptiegoederen (comercio y consumo)',
    scopeSectorTravel: 'reizen en vrije tijd (viajes y ocio)',
    scopeSectorAutomotive: 'auto en mobiliteit (automoción)',
    scopeSectorMedia: 'media en uitgeverij (medios y publicaciones)',
    scopeSectorEducation: 'onderwijs en opleiding (formación)',
    scopeSectorHealth: 'gezondheid en welzijn (salud y bienestar)',
    scopeSectorCharity: 'goede doelen en ngo’s (ONG)',
    partitionsHeld:
      'Uw toegangssleutel geldt voor {count} {count|deel|delen} van deze lijst ({list}); alleen {count|dat deel is|die delen zijn} gedownload. Nummers uit de andere delen komen bij de afgewezen rijen terecht, nooit in het opgeschoonde bestand.',
    title: 'Een belbestand opschonen — quietlist',
    heading: 'Een belbestand opschonen met de bel-me-niet-meer-lijst',
    intro:
      'Kies uw belbestand. De pagina verwijdert de nummers van personen die zich hebben ingeschreven om geen verkoopoproepen meer te krijgen, en geeft u het bestand gebruiksklaar terug, in hetzelfde formaat. Uw bestand verlaat deze computer nooit.',
    language: 'Taal',
    statusLink: 'Over deze dienst',
    noscript: 'Deze pagina heeft JavaScript nodig: uw bestand wordt hier gecontroleerd, in deze browser.',
    listLoading: 'De bel-me-niet-meer-lijst wordt opgehaald…',
    listProgress: 'De bel-me-niet-meer-lijst wordt opgehaald: {percent}',
    listReady:
      'Bel-me-niet-meer-lijst van {date} staat klaar: {entries} {entries|ingeschreven nummer|ingeschreven nummers}.',
    listFailed: 'De bel-me-niet-meer-lijst kon niet worden geladen.',
    transferFresh:
      '{size} gedownload. De lijst wordt in deze browser bewaard: de volgende keer worden alleen de wijzigingen gedownload.',
    transferUpdated: 'Bijgewerkt met de laatste wijzigingen: {size} gedownload.',
    transferSame: 'De lijst die in deze browser bewaard wordt, is bijgewerkt.',
    transferNotKept:
      '{size} gedownload. Deze browser kan de lijst niet bewaren, dus de volgende keer wordt ze opnieuw gedownload.',
    stepFile: '1. Uw belbestand',
    fileLabel: 'Kies het bestand (CSV of Excel)',
    fileReading: 'Het bestand wordt gelezen…',
    fileRead: '{kind}: {rows} {rows|rij|rijen}, {columns} {columns|kolom|kolommen}.',
    kindCsv: 'CSV-bestand',
    kindXlsx: 'Excel-bestand',
    kindOds: 'OpenDocument-rekenblad',
    stepColumns: '2. De kolommen met telefoonnummers',
    columnsHelp:
      'Vink elke kolom aan die telefoonnummers bevat. Een rij blijft alleen staan als geen enkel nummer in die rij op de bel-me-niet-meer-lijst staat.',
    columnUnnamed: 'Kolom {n}',
    columnsFound: 'Telefoonnummers gevonden in: {names}.',
    stepKey: '3. Uw toegangssleutel',
    apiKeyLabel: 'Toegangssleutel',
    apiKeyHelp:
      'U krijgt hem van de beheerder bij uw abonnement (hij begint met ql_). Hij wordt alleen naar deze server gestuurd, om de gecontroleerde nummers te tellen.',
    modeLegend: 'Het hoofdbestand bevat',
    modeDrop: 'alleen de rijen die u mag bellen',
    modeFlag: 'alle rijen, gemarkeerd in een kolom quietlist_status (listed, not_listed of invalid)',
    scrubButton: 'Bestand opschonen',
    progressCount: 'De nummers worden geteld: rij {done} van {total} ({percent})',
    progressEvaluate: 'De nummers worden met de server gecontroleerd: {done} van {total} ({percent})',
    progressScrub: 'De rijen worden gesorteerd: {done} van {total} ({percent})',
    planNeeded:
      'Dit bestand bevat {needed} {needed|nummer dat nog niet is gecontroleerd|nummers die nog niet zijn gecontroleerd}, maar uw abonnement staat vandaag nog maar {remaining} {remaining|controle|controles} toe.',
    planToday:
      'Vandaag kan de pagina {rowsToday} van de {rows} rijen controleren. {rest|De resterende rij kan|De andere {rest} rijen kunnen} worden gecontroleerd vanaf {resume}.',
    planMoreDays: 'Met uw dagquotum duurt de rest daarna nog {days} {days|dag|dagen}.',
    planNothing:
      'Uw abonnement staat vandaag geen controles meer toe: de rijen kunnen worden gecontroleerd vanaf {resume}.',
    planContinue: 'Vandaag {rowsToday} {rowsToday|rij|rijen} controleren',
    planCancel: 'Nu niet',
    done: 'Klaar: {rows} {rows|rij|rijen} gecontroleerd: {clean} om te bellen, {listed} op de bel-me-niet-meer-lijst, {invalid} afgewezen.',
    stopped:
      'Niet voltooid: {checked} van {total} rijen gecontroleerd. {unchecked|Eén rij kon|{unchecked} rijen konden} nog niet worden gecontroleerd.',
    stoppedQuota: 'Het quotum van uw abonnement is voor vandaag opgebruikt.',
    resumeAt: 'Kies vanaf {time} opnieuw hetzelfde bestand om de controle af te ronden.',
    resumeLater: 'Kies later opnieuw hetzelfde bestand om de controle af te ronden.',
    keptNote:
      'De nummers die al gecontroleerd zijn, worden in deze browser bewaard en niet opnieuw meegeteld.',
    notKeptNote: 'Deze browser kan de al gecontroleerde nummers niet bewaren: ze worden opnieuw meegeteld.',
    failed: 'Het bestand kon niet worden opgeschoond.',
    noFile: 'Kies eerst een bestand.',
    noColumn: 'Vink minstens één kolom met telefoonnummers aan.',
    needKey: 'Vul uw toegangssleutel in: deze lijst wordt gecontroleerd met de hulp van de server.',
    downloadsHeading: 'Uw bestanden',
    downloadClean: 'Opgeschoond bestand: de rijen die u mag bellen',
    downloadCleanPartial: 'Vandaag gecontroleerde rijen die u mag bellen',
    downloadFlagged: 'Alle rijen, gemarkeerd in hun kolom quietlist_status',
    downloadListed: 'Rijen op de bel-me-niet-meer-lijst: niet bellen',
    downloadRejects: 'Afgewezen rijen, elk met de reden',
    downloadUnchecked: 'Nog niet gecontroleerde rijen: pas bellen nadat ze gecontroleerd zijn',
    downloadReceipt: 'Bewijsstuk: bewaar het als bewijs van de controle',
    receiptStamped: 'Het bewijsstuk is medeondertekend door de beheerder.',
    liveAdditions:
      '{entries} {entries|nummer dat|nummers die} sinds de laatste versie aan deze lijst {entries|is|zijn} toegevoegd, {entries|is|zijn} ook gecontroleerd (ondertekende toevoegingen tot nr. {through}).',
    receiptLater: 'Het bewijsstuk komt samen met het voltooide bestand.',
    reasonsHeading: 'Waarom rijen werden afgewezen',
    reasonLine: '{count} × {reason}',
    privacyHeading: 'Wat uw computer verlaat',
    privacyOpen:
      'Niets uit uw bestand. De pagina downloadt de ondertekende bel-me-niet-meer-lijst en controleert uw bestand hier, in deze browser.',
    privacyOprf:
      'Niets leesbaars uit uw bestand. Voor elk nummer stuurt de pagina de server een versleutelde code waaruit de server het nummer niet kan afleiden; de server antwoordt met een code die alleen deze browser kan lezen, en het nummer wordt daarna hier opgezocht. De server telt alleen de nummers voor uw abonnement, meer niet.',
    privacySecret:
      'Deze lijst kan alleen worden gecontroleerd door de nummers zelf naar de server te sturen, en dat doet deze pagina nooit. Vraag de beheerder om het opdrachtregelprogramma.',
    verifyHeading: 'Controleren of deze lijst van de beheerder komt',
    keyHelp:
      'De pagina controleert de handtekening van de lijst met de sleutel van de beheerder hieronder. Vergelijk de eerste keer de vingerafdruk van de sleutel teken voor teken met de vingerafdruk die u van de beheerder kreeg (in uw contract, per brief of telefonisch). Als ze verschillen, is deze pagina niet die van de beheerder: sluit ze dan.',
    fingerprintLabel: 'Vingerafdruk van de sleutel',
    publicKeyLabel: 'Volledige sleutel',
    copyFingerprint: 'Vingerafdruk kopiëren',
    copyPublicKey: 'Sleutel kopiëren',
    copied: 'Gekopieerd',
    excelSafeLabel: 'Bestanden om in Excel te openen: beschermen tegen formules in de cellen',
    excelSafeHelp:
      "Excel, LibreOffice en Google Spreadsheets voeren een cel die begint met = + - of @ (of een tab) uit als formule; met het vakje aangevinkt krijgt zo’n cel in een CSV-bestand een ' ervoor, en worden de formules van een werkmap als hun waarden geschreven. Getallen en telefoonnummers (+31 6 12345678) worden nooit gewijzigd. Vink het vakje uit voor bestanden voor een kiessysteem (dialer) of een CRM, die dan elke rij byte voor byte ongewijzigd krijgen.",
    formulasNeutralised:
      "{cells} {cells|cel die een rekenblad als formule zou uitvoeren, is|cellen die een rekenblad als formules zou uitvoeren, zijn} als tekst (met een ' ervoor) of als {cells|waarde|waarden} geschreven.",
    formulasKept:
      '{cells} {cells|cel begint|cellen beginnen} met = + - of @ en {cells|is|zijn} ongewijzigd geschreven: een rekenblad zou {cells|ze als formule|ze als formules} uitvoeren.',
    listIdentifier: 'Kenmerk van de lijst: {epoch}',
  },
  status: {
    scopesLine:
      'Een inschrijving kan beperkt zijn tot bepaalde kanalen ({channels}) of onderwerpen ({sectors}): elk bedrijf controleert voor het soort oproepen dat het doet.',
    partitionsLine:
      'De lijst wordt verkocht in {count} {count|deel|delen}: elk bedrijf downloadt, en controleert, alleen de delen van zijn abonnement.',
    title: 'quietlist — bel-me-niet-meer-lijst',
    heading: 'De bel-me-niet-meer-lijst, gecontroleerd zonder uw bestanden te delen',
    intro:
      'Deze lijst bevat de telefoonnummers van personen die zich hebben ingeschreven om geen verkoopoproepen meer te krijgen. Bedrijven mogen hen niet bellen en controleren daarom hun belbestanden met deze lijst voordat ze bellen.',
    cta: 'Een belbestand opschonen',
    ctaHelp: 'In uw browser: uw bestand blijft op uw computer en wordt naar niemand gestuurd.',
    listOf: 'De lijst van {date} bevat {entries} {entries|ingeschreven nummer|ingeschreven nummers}.',
    registerRules: '{register}: {validity} {window}',
    validityNever: 'inschrijvingen verlopen nooit;',
    validityYears: 'een inschrijving geldt {years} {years|jaar|jaar};',
    windowDays: 'bel alleen met een lijst die hoogstens {days} {days|dag|dagen} oud is.',
    windowNone: 'gebruik een lijst die hoogstens een maand oud is.',
    unavailable: 'De lijst is op dit moment niet beschikbaar. {problem}',
    rollback:
      'De server heeft een oudere lijst geweigerd die hem werd aangeboden, en blijft de lijst hierboven aanbieden (sinds {time}).',
    refusedPointer:
      'De server heeft de nieuwste lijst die hij kreeg geweigerd (verlopen, of met een handtekening die niet klopt), en blijft de lijst hierboven aanbieden (sinds {time}).',
    privacyHeading: 'Wat deze lijst beschermt',
    privacyOprf:
      'Elke controle heeft de hulp van de server nodig en wordt aangerekend op het abonnement van het bedrijf; de server ziet nooit de gecontroleerde nummers, en de lijst zelf blijft altijd bij de beheerder.',
    privacySecret:
      'Controles lopen via deze server, die de gecontroleerde nummers ziet (hij slaat ze niet op); de lijst zelf blijft altijd bij de beheerder.',
    privacyOpen:
      'Wie de bestanden van deze lijst heeft, kan elk nummer offline controleren en de lijst reconstrueren door alle nummers te proberen: alle mobiele nummers in {mobiles} op één computer, alle nummers in {all}. Deze modus beschermt de belbestanden van de bedrijven, niet de ingeschreven personen.',
    privacyOpenUnmeasured:
      'Wie de bestanden van deze lijst heeft, kan elk nummer offline controleren en de lijst reconstrueren door alle nummers te proberen ({perSecond} per seconde op één computer). Deze modus beschermt de belbestanden van de bedrijven, niet de ingeschreven personen.',
    technicalHeading: 'Technische gegevens',
    technicalHelp: 'Voor ontwikkelaars, integratoren en auditors.',
    register: 'Register',
    epoch: 'Kenmerk van de lijst (epoch)',
    built: 'Aangemaakt',
    published: 'Gepubliceerd',
    expires: 'Aankondiging geldig tot',
    expiresNote: '(ondertekend; de beheerder vernieuwt ze bij elke nieuwe versie)',
    entries: 'Ingeschreven nummers',
    epsilon: 'Kans op een vals-positief (ε)',
    epsilonValue: '{rate} (1 op {inverse})',
    mode: 'Modus',
    shards: 'Filterbestanden',
    manifestHash: 'SHA-256 van het manifest',
    fingerprint: 'Vingerafdruk van de ondertekeningssleutel',
    publicKey: 'Openbare ondertekeningssleutel (base64)',
    pullHelp:
      'Via de opdrachtregel, met de sleutel vastgepind, of met de vingerafdruk die u van de beheerder kreeg:',
    keyChain: 'Sleutelketen',
    keyChainValue: 'ingestelde sleutel {configured}, gevolgd tot {current} via ondertekende aankondigingen',
    nextKey: 'Volgende ondertekeningssleutel (aangekondigd)',
    nextKeyValue: '{next}: latere lijsten worden ermee ondertekend; clients volgen',
    links: 'Links',
    apiDocs: 'Documentatie van de API',
    openApi: 'OpenAPI-document',
    latestManifest: 'Laatste ondertekende manifest',
    thisManifest: 'Manifest van deze lijst',
    shardLink: '{bytes} bytes',
    moreShards: '… nog {count} {count|filterbestand|filterbestanden}: zie het manifest',
    health: 'Status van de dienst',
  },
  apiErrors: {
    INVALID_SCOPE:
      'De pagina vroeg naar een kanaal of onderwerp dat deze lijst niet kent. Laad de pagina opnieuw en maak uw keuze nogmaals.',
    PARTITION_NOT_ENTITLED:
      'Uw toegangssleutel geldt niet voor dit deel van de lijst. Vraag de beheerder het aan uw abonnement toe te voegen.',
    INVALID_JSON:
      'De server begreep het verzoek van de pagina niet. Laad de pagina opnieuw en probeer het nog eens.',
    INVALID_REQUEST:
      'De server begreep het verzoek van de pagina niet. Laad de pagina opnieuw en probeer het nog eens.',
    TOO_MANY_NUMBERS:
      'De pagina stuurde te veel nummers tegelijk. Laad de pagina opnieuw en probeer het nog eens.',
    INVALID_ELEMENT:
      'De server weigerde een versleuteld nummer van de pagina. Laad de pagina opnieuw en probeer het nog eens.',
    INVALID_PATH: 'De pagina vroeg de server om iets wat niet bestaat. Laad de pagina opnieuw.',
    NUMBER_IN_URL: 'Het verzoek van de pagina werd geweigerd omdat het adres op een telefoonnummer leek.',
    UNAUTHORIZED:
      'Uw toegangssleutel werd niet aanvaard. Controleer of u hem volledig hebt gekopieerd; lukt het nog steeds niet, vraag dan aan de beheerder of hij nog geldig is.',
    FORBIDDEN:
      'Met uw toegangssleutel kunt u geen nummers controleren. Vraag de beheerder om een sleutel waarmee dat wel kan.',
    NOT_FOUND: 'De server heeft niet wat de pagina vroeg. Laad de pagina opnieuw.',
    METHOD_NOT_ALLOWED: 'De server weigerde het verzoek van de pagina. Laad de pagina opnieuw.',
    PAYLOAD_TOO_LARGE:
      'De pagina stuurde te veel gegevens tegelijk. Laad de pagina opnieuw en probeer het nog eens.',
    UNSUPPORTED_MEDIA_TYPE: 'De server begreep het verzoek van de pagina niet. Laad de pagina opnieuw.',
    RANGE_NOT_SATISFIABLE: 'De lijst veranderde tijdens het downloaden. Laad de pagina opnieuw.',
    RATE_LIMITED: 'Te veel verzoeken in korte tijd. Wacht een minuut en probeer het dan opnieuw.',
    QUOTA_EXCEEDED: 'Het quotum van uw abonnement is opgebruikt tot {time}.',
    OPRF_KEY_RETIRED:
      'De bel-me-niet-meer-lijst is intussen vernieuwd. Laad de pagina opnieuw en begin van voren af aan.',
    INTERNAL:
      'De server had een onverwacht probleem. Probeer het over enkele minuten opnieuw; blijft het probleem zich voordoen, laat het de beheerder dan weten.',
    UNSUPPORTED_MODE:
      'Deze server kan deze lijst niet vanuit een browser controleren. Neem contact op met de beheerder.',
    NO_EPOCH: 'Op deze server is nog geen bel-me-niet-meer-lijst gepubliceerd.',
    STORAGE_UNAVAILABLE:
      'De server is op dit moment niet beschikbaar. Probeer het over enkele minuten opnieuw.',
    INTEGRITY_FAILURE:
      'De lijst op de server heeft haar controles niet doorstaan, dus de server weigert te antwoorden. Laat het de beheerder weten.',
    STALE_EPOCH: 'De server weigerde een verouderde lijst. Laat het de beheerder weten.',
    POINTER_EXPIRED:
      'De lijst op de server is verlopen: de beheerder moet een nieuwe versie aanmaken of quietlist renew uitvoeren. Tot dan weigert de server te antwoorden; laat het de beheerder weten.',
    MISCONFIGURED: 'De server is niet goed ingesteld voor deze lijst. Laat het de beheerder weten.',
    LIST_NOT_LIVE: 'Deze lijst neemt tussen twee versies geen toevoegingen aan.',
    ADDITIONS_DISABLED: 'Deze server neemt geen toevoegingen aan lijsten aan.',
    TIMESTAMPS_DISABLED: 'Deze server ondertekent geen bewijsstukken mee.',
  },
  reasons: {
    NOT_ENTITLED:
      'nummer uit een deel van de lijst waarvoor uw abonnement niet geldt: niet gecontroleerd, niet bellen',
    EMPTY: 'geen nummer in de cel',
    NOT_A_NUMBER: 'geen telefoonnummer',
    INVALID_COUNTRY: 'onbekende landcode',
    TOO_SHORT: 'te kort voor een telefoonnummer uit dat land',
    TOO_LONG: 'te lang voor een telefoonnummer uit dat land',
    INVALID_LENGTH: 'onmogelijke lengte voor dat land',
    EXCEL_SCIENTIFIC:
      'Excel toonde het nummer als 3,37E+10 en verloor cijfers: zet de kolom in het oorspronkelijke bestand op tekst en exporteer het opnieuw',
    SEVERAL_NUMBERS: 'meerdere nummers in één cel: zet één nummer per cel',
    NO_FIELD: 'de rij is korter dan de kopregel: de kolom met het telefoonnummer ontbreekt',
    NO_VALID_READING:
      'geen toegekend nummer, hoe het ook gelezen wordt (met of zonder een verloren +, 00 of 0)',
    LEADING_MINUS:
      'begint met een minteken, zoals een rekenblad een negatief getal schrijft: noteer het nummer zonder minteken',
  },
  problems: {
    fileEmpty: 'Het bestand is leeg.',
    fileNoHeader: 'Het bestand heeft geen kopregel: de eerste regel moet de namen van de kolommen bevatten.',
    fileNotCsv:
      'Het bestand kon niet als lijst worden gelezen (aanhalingstekens of scheidingstekens zijn beschadigd). Open het in Excel en sla het opnieuw op als CSV of .xlsx.',
    kindPdf:
      'Dit is een pdf-document, geen belbestand. Exporteer de lijst uit het programma waarin ze staat (uw CRM, Excel) als CSV of Excel en kies dat bestand.',
    kindImage:
      'Dit is een afbeelding, geen belbestand. Exporteer de lijst uit het programma waarin ze staat als CSV of Excel en kies dat bestand.',
    kindWord:
      'Dit is een tekstdocument, geen belbestand. Kopieer de tabel naar Excel, sla ze op als .xlsx en kies dat bestand.',
    kindPresentation: 'Dit is een presentatie, geen belbestand. Kies het CSV- of Excel-bestand van de lijst.',
    kindArchive:
      'Dit is een gecomprimeerd archief. Pak het eerst uit en kies dan het CSV- of Excel-bestand dat erin zit.',
    kindXls:
      'Dit is een oud Excel-bestand (.xls), dat de pagina niet kan lezen. Open het in Excel, sla het op als .xlsx (Bestand › Opslaan als) en kies dat bestand.',
    kindHtml:
      'Dit is een webpagina die onder de naam van een rekenblad is opgeslagen. Open ze in Excel, sla ze op als .xlsx en kies dat bestand.',
    kindRtf: 'Dit is een tekstdocument (RTF), geen belbestand. Kies het CSV- of Excel-bestand van de lijst.',
    kindProgram: 'Dit is een programma, geen belbestand. Kies het CSV- of Excel-bestand van de lijst.',
    workbookUnreadable:
      'Het rekenblad kon niet worden geopend. Open het in Excel of LibreOffice, sla het opnieuw op als .xlsx en kies dat bestand.',
    workbookEmpty: 'Het eerste werkblad van het rekenblad is leeg.',
    workbookTooBig:
      'Het rekenblad is te groot om in een browser op te schonen. Sla het op als CSV en kies dat bestand, of gebruik het opdrachtregelprogramma.',
    keyMalformed:
      'Dit is geen toegangssleutel: een sleutel begint met ql_ en is één lang woord. Kopieer hem opnieuw uit het bericht van de beheerder.',
    listInvalid:
      'De lijst heeft de controle van haar handtekening of integriteit niet doorstaan en wordt dus niet gebruikt. Ga niet verder en laat het de beheerder weten.',
    listTooOld:
      'De lijst op deze server is ouder dan het register toestaat om mee te bellen. Laat het de beheerder weten.',
    pageOutdated: 'Deze pagina is niet meer afgestemd op de lijst op de server. Laad de pagina opnieuw.',
    listChanged:
      'De bel-me-niet-meer-lijst werd tijdens de controle vernieuwd. Laad de pagina opnieuw en begin van voren af aan.',
    secretMode:
      'Deze lijst kan alleen worden gecontroleerd door de nummers zelf naar de server te sturen, en dat doet deze pagina nooit. Vraag de beheerder om het opdrachtregelprogramma.',
    network: 'De server was niet bereikbaar. Controleer uw internetverbinding en probeer het opnieuw.',
    additionsUnavailable:
      'De nieuwste toevoegingen aan deze lijst konden niet worden gelezen, dus er is geen antwoord gegeven (een nummer dat in de laatste minuten is toegevoegd, zou anders gemist kunnen worden). Probeer het over een minuut opnieuw.',
    serverUnavailable:
      'De server is op dit moment niet beschikbaar. Probeer het over enkele minuten opnieuw.',
    privateDownloads:
      'Deze server deelt zijn lijst alleen met abonnees: vul uw toegangssleutel in en probeer het opnieuw.',
    unexpected:
      'Er ging onverwacht iets mis. Laad de pagina opnieuw en probeer het nog eens; gebeurt het weer, laat het de beheerder dan weten.',
  },
};
