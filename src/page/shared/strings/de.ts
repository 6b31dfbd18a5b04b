/** Der deutsche Text der Seiten: dieselben Schlüssel und dieselben `{Felder}` wie en.ts. */
import type { PageStrings } from './en.ts';

export const de: PageStrings = {
  page: {
    scopeLegend: 'Worum es bei Ihren Anrufen geht',
    scopeHelp:
      'Man kann auch nur bestimmte Anrufe ablehnen. Wählen Sie, wie Sie anrufen und worüber; im Zweifel lassen Sie „alle“: Dann bleibt jede Person außen vor, die einen davon abgelehnt hat.',
    scopeChannel: 'Anrufe per',
    scopeSector: 'zum Thema',
    scopeAny: 'alle (am sichersten)',
    partitionsHeld:
      'Ihr Zugangsschlüssel umfasst {count} {count|Teil|Teile} dieser Liste ({list}); nur {count|dieser Teil wurde|diese Teile wurden} heruntergeladen. Nummern der anderen Teile kommen zu den abgelehnten Zeilen, nie in die bereinigte Liste.',
    title: 'Eine Anrufliste bereinigen — quietlist',
    heading: 'Eine Anrufliste mit der Sperrliste bereinigen',
    intro:
      'Wählen Sie Ihre Anrufliste. Die Seite entfernt die Nummern der Menschen, die sich eingetragen haben, um keine Werbeanrufe zu bekommen, und gibt Ihnen die Datei gebrauchsfertig im selben Format zurück. Ihre Datei verlässt diesen Computer nie.',
    language: 'Sprache',
    statusLink: 'Über diesen Dienst',
    noscript: 'Diese Seite braucht JavaScript: Ihre Datei wird hier geprüft, in diesem Browser.',
    listLoading: 'Die Sperrliste wird abgerufen…',
    listProgress: 'Die Sperrliste wird abgerufen: {percent}',
    listReady: 'Sperrliste vom {date} bereit: {entries} {entries|eingetragene Nummer|eingetragene Nummern}.',
    listFailed: 'Die Sperrliste konnte nicht geladen werden.',
    transferFresh:
      '{size} heruntergeladen. Die Liste wird in diesem Browser aufbewahrt: Beim nächsten Mal werden nur die Änderungen heruntergeladen.',
    transferUpdated: 'Mit den neuesten Änderungen aktualisiert: {size} heruntergeladen.',
    transferSame: 'Die in diesem Browser aufbewahrte Liste ist aktuell.',
    transferNotKept:
      '{size} heruntergeladen. Dieser Browser kann die Liste nicht aufbewahren, deshalb wird sie beim nächsten Mal erneut heruntergeladen.',
    stepFile: '1. Ihre Anrufliste',
    fileLabel: 'Datei auswählen (CSV oder Excel)',
    fileReading: 'Die Datei wird gelesen…',
    fileRead: '{kind}: {rows} {rows|Zeile|Zeilen}, {columns} {columns|Spalte|Spalten}.',
    kindCsv: 'CSV-Datei',
    kindXlsx: 'Excel-Datei',
    kindOds: 'OpenDocument-Tabelle',
    stepColumns: '2. Die Spalten mit Telefonnummern',
    columnsHelp:
      'Kreuzen Sie jede Spalte an, die eine Telefonnummer enthält. Eine Zeile bleibt nur erhalten, wenn keine ihrer Nummern auf der Liste steht.',
    columnUnnamed: 'Spalte {n}',
    columnsFound: 'Telefonnummern gefunden in: {names}.',
    stepKey: '3. Ihr Zugangsschlüssel',
    apiKeyLabel: 'Zugangsschlüssel',
    apiKeyHelp:
      'Vom Betreiber mit Ihrem Abonnement erhalten (er beginnt mit ql_). Er wird nur an diesen Server gesendet, um die geprüften Nummern zu zählen.',
    modeLegend: 'Die Hauptdatei enthält',
    modeDrop: 'nur die Zeilen, die Sie anrufen dürfen',
    modeFlag: 'alle Zeilen, markiert in einer Spalte quietlist_status (listed, not_listed oder invalid)',
    scrubButton: 'Liste bereinigen',
    progressCount: 'Die Nummern werden gezählt: Zeile {done} von {total} ({percent})',
    progressEvaluate: 'Die Nummern werden mit dem Server geprüft: {done} von {total} ({percent})',
    progressScrub: 'Die Zeilen werden sortiert: {done} von {total} ({percent})',
    planNeeded:
      'Diese Datei enthält {needed} {needed|noch nie geprüfte Nummer|noch nie geprüfte Nummern}, und Ihr Abonnement erlaubt heute noch {remaining} Prüfungen.',
    planToday:
      'Heute kann die Seite {rowsToday} von {rows} Zeilen prüfen. {rest|Die verbleibende Zeile kann|Die übrigen {rest} Zeilen können} ab {resume} geprüft werden.',
    planMoreDays: 'Mit Ihrem Tageskontingent dauert der Rest danach noch {days} {days|Tag|Tage}.',
    planNothing:
      'Ihr Abonnement erlaubt heute keine Prüfungen mehr: Die Zeilen können ab {resume} geprüft werden.',
    planContinue: 'Heute {rowsToday} {rowsToday|Zeile|Zeilen} prüfen',
    planCancel: 'Jetzt nicht',
    done: 'Fertig: {rows} {rows|Zeile|Zeilen} geprüft: {clean} zum Anrufen, {listed} auf der Sperrliste, {invalid} abgelehnt.',
    stopped:
      'Nicht fertig: {checked} von {total} Zeilen geprüft. {unchecked|Eine Zeile konnte|{unchecked} Zeilen konnten} noch nicht geprüft werden.',
    stoppedQuota: 'Das Tageskontingent Ihres Abonnements ist für heute aufgebraucht.',
    resumeAt: 'Wählen Sie ab {time} dieselbe Datei erneut aus, um sie fertigzustellen.',
    resumeLater: 'Wählen Sie später dieselbe Datei erneut aus, um sie fertigzustellen.',
    keptNote:
      'Die bereits geprüften Nummern werden in diesem Browser aufbewahrt und nicht noch einmal abgezogen.',
    notKeptNote:
      'Dieser Browser kann die bereits geprüften Nummern nicht aufbewahren: Sie werden noch einmal abgezogen.',
    failed: 'Die Liste konnte nicht bereinigt werden.',
    noFile: 'Wählen Sie zuerst eine Datei.',
    noColumn: 'Kreuzen Sie mindestens eine Spalte mit Telefonnummern an.',
    needKey: 'Geben Sie Ihren Zugangsschlüssel ein: Diese Liste wird mit Hilfe des Servers geprüft.',
    downloadsHeading: 'Ihre Dateien',
    downloadClean: 'Bereinigte Liste: die Zeilen, die Sie anrufen dürfen',
    downloadCleanPartial: 'Heute geprüfte Zeilen, die Sie anrufen dürfen',
    downloadFlagged: 'Alle Zeilen, markiert in ihrer Spalte quietlist_status',
    downloadListed: 'Zeilen auf der Sperrliste: Rufen Sie sie nicht an',
    downloadRejects: 'Abgelehnte Zeilen, jeweils mit dem Grund',
    downloadUnchecked: 'Noch nicht geprüfte Zeilen: Rufen Sie sie erst nach der Prüfung an',
    downloadReceipt: 'Nachweis: Bewahren Sie ihn als Beleg der Prüfung auf',
    receiptStamped: 'Der Nachweis ist vom Betreiber gegengezeichnet.',
    liveAdditions:
      '{entries} seit der letzten Erstellung zu dieser Liste {entries|hinzugefügte Nummer wurde|hinzugefügte Nummern wurden} ebenfalls geprüft (signierte Ergänzungen bis Nr. {through}).',
    receiptLater: 'Der Nachweis kommt mit der fertigen Datei.',
    reasonsHeading: 'Warum Zeilen abgelehnt wurden',
    reasonLine: '{count} × {reason}',
    privacyHeading: 'Was Ihren Computer verlässt',
    privacyOpen:
      'Nichts aus Ihrer Datei. Die Seite lädt die signierte Sperrliste herunter und prüft Ihre Datei hier, in diesem Browser.',
    privacyOprf:
      'Nichts Lesbares aus Ihrer Datei. Für jede Nummer schickt die Seite dem Server einen verschlüsselten Code, aus dem der Server die Nummer nicht ableiten kann; der Server antwortet mit einem Code, den nur dieser Browser lesen kann, und die Nummer wird dann hier nachgeschlagen. Der Server zieht die Nummern von Ihrem Abonnement ab, mehr nicht.',
    privacySecret:
      'Diese Liste lässt sich nur prüfen, indem man die Nummern selbst an den Server schickt, und das tut diese Seite nie. Fragen Sie den Betreiber nach dem Kommandozeilenprogramm.',
    verifyHeading: 'Prüfen, ob diese Liste vom Betreiber stammt',
    keyHelp:
      'Die Seite prüft die Signatur der Liste mit dem unten angegebenen Schlüssel des Betreibers. Vergleichen Sie einmal seinen Fingerabdruck Zeichen für Zeichen mit dem, den Ihnen der Betreiber gegeben hat (im Vertrag, per Brief oder am Telefon). Weichen sie ab, ist dies nicht die Seite des Betreibers: Schließen Sie sie.',
    fingerprintLabel: 'Fingerabdruck des Schlüssels',
    publicKeyLabel: 'Vollständiger Schlüssel',
    copyFingerprint: 'Fingerabdruck kopieren',
    copyPublicKey: 'Schlüssel kopieren',
    copied: 'Kopiert',
    excelSafeLabel: 'Dateien zum Öffnen in Excel: vor Formeln in den Zellen schützen',
    excelSafeHelp:
      "Eine Zelle, die mit = + - oder @ (oder einem Tabulator) beginnt, führen Excel, LibreOffice und Google Sheets als Formel aus; ist das Kästchen angekreuzt, bekommt eine solche Zelle in einer CSV-Datei ein ' davor, und die Formeln einer Arbeitsmappe werden als ihre Werte geschrieben. Zahlen und Telefonnummern (+49 30 1234567) werden nie verändert. Kreuzen Sie es nicht an für Dateien, die für eine Wählanlage oder ein CRM bestimmt sind: Diese erhalten dann jede Zeile Byte für Byte.",
    formulasNeutralised:
      "{cells} {cells|Zelle, die eine Tabellenkalkulation als Formel ausgeführt hätte, wurde|Zellen, die eine Tabellenkalkulation als Formeln ausgeführt hätte, wurden} als Text (mit einem ' davor) oder als Wert geschrieben.",
    formulasKept:
      '{cells} {cells|Zelle beginnt|Zellen beginnen} mit = + - oder @ und {cells|wurde|wurden} unverändert geschrieben: Eine Tabellenkalkulation würde sie als Formel ausführen.',
    listIdentifier: 'Kennung der Liste: {epoch}',
  },
  status: {
    scopesLine:
      'Eine Eintragung kann auch nur bestimmte Kanäle ({channels}) oder Themen ({sectors}) ablehnen: Unternehmen prüfen für die Anrufe, die sie tätigen.',
    partitionsLine:
      'Die Liste wird in {count} {count|Teil|Teilen} verkauft: Jedes Unternehmen lädt nur die Teile seines Abonnements herunter und prüft nur diese.',
    title: 'quietlist — Sperrliste für Werbeanrufe',
    heading: 'Die Sperrliste, geprüft ohne Ihre Dateien weiterzugeben',
    intro:
      'Menschen tragen hier ihre Telefonnummer ein, um keine Werbeanrufe zu bekommen. Unternehmen dürfen sie nicht anrufen und prüfen deshalb ihre Anruflisten vor dem Anrufen mit dieser Liste.',
    cta: 'Eine Anrufliste bereinigen',
    ctaHelp: 'In Ihrem Browser: Ihre Datei bleibt auf Ihrem Computer und wird an niemanden gesendet.',
    listOf: 'Die Liste vom {date} enthält {entries} {entries|eingetragene Nummer|eingetragene Nummern}.',
    registerRules: '{register}: {validity} {window}',
    validityNever: 'Eintragungen verfallen nie;',
    validityYears: 'eine Eintragung gilt {years} {years|Jahr|Jahre};',
    windowDays: 'rufen Sie nur anhand einer Liste an, die höchstens {days} {days|Tag|Tage} alt ist.',
    windowNone: 'verwenden Sie eine Liste, die höchstens einen Monat alt ist.',
    unavailable: 'Die Liste ist im Moment nicht verfügbar. {problem}',
    rollback:
      'Der Server hat eine ältere Liste abgelehnt, die ihm angeboten wurde, und liefert weiterhin die obige (seit {time}).',
    refusedPointer:
      'Der Server hat die neueste ihm übergebene Liste abgelehnt (abgelaufen oder mit ungültiger Signatur) und stellt weiter die obige bereit (seit {time}).',
    privacyHeading: 'Was diese Liste schützt',
    privacyOprf:
      'Jede Prüfung braucht die Hilfe des Servers und wird vom Abonnement des Unternehmens abgezogen; der Server sieht die geprüften Nummern nie, und die Liste selbst verlässt den Betreiber nie.',
    privacySecret:
      'Prüfungen laufen über diesen Server, der die geprüften Nummern sieht (er speichert sie nicht); die Liste selbst verlässt den Betreiber nie.',
    privacyOpen:
      'Wer die Dateien dieser Liste hat, kann jede Nummer offline testen und die Liste rekonstruieren, indem er alle Nummern ausprobiert: alle Mobilnummern in {mobiles} auf einem einzigen Computer, alle Nummern in {all}. Dieser Modus schützt die Anruflisten der Unternehmen, nicht die eingetragenen Menschen.',
    privacyOpenUnmeasured:
      'Wer die Dateien dieser Liste hat, kann jede Nummer offline testen und die Liste rekonstruieren, indem er alle Nummern ausprobiert ({perSecond} pro Sekunde auf einem einzigen Computer). Dieser Modus schützt die Anruflisten der Unternehmen, nicht die eingetragenen Menschen.',
    technicalHeading: 'Technische Angaben',
    technicalHelp: 'Für Entwickler, Integratoren und Prüfer.',
    register: 'Register',
    epoch: 'Kennung der Liste (Epoche)',
    built: 'Erstellt',
    published: 'Veröffentlicht',
    expires: 'Ankündigung gültig bis',
    expiresNote: '(signiert; der Betreiber erneuert sie bei jedem Aufbau)',
    entries: 'Eingetragene Nummern',
    epsilon: 'Falsch-positiv-Rate (ε)',
    epsilonValue: '{rate} (1 zu {inverse})',
    mode: 'Modus',
    shards: 'Filterdateien',
    manifestHash: 'SHA-256 des Manifests',
    fingerprint: 'Fingerabdruck des Signaturschlüssels',
    publicKey: 'Öffentlicher Signaturschlüssel (base64)',
    pullHelp:
      'Mit der Kommandozeile, mit festgelegtem Schlüssel oder mit dem Fingerabdruck, den Ihnen der Betreiber gegeben hat:',
    keyChain: 'Schlüsselkette',
    keyChainValue:
      'konfigurierter Schlüssel {configured}, über signierte Ankündigungen bis {current} verfolgt',
    nextKey: 'Nächster Signaturschlüssel (angekündigt)',
    nextKeyValue: '{next}: spätere Listen werden damit signiert; Clients folgen',
    links: 'Links',
    apiDocs: 'Dokumentation der API',
    openApi: 'OpenAPI-Dokument',
    latestManifest: 'Neuestes signiertes Manifest',
    thisManifest: 'Manifest dieser Liste',
    shardLink: '{bytes} Byte',
    moreShards: '… {count} weitere Filterdateien: siehe Manifest',
    health: 'Zustand des Dienstes',
  },
  apiErrors: {
    INVALID_SCOPE:
      'Die Seite hat nach einem Kanal oder Thema gefragt, das diese Liste nicht kennt. Laden Sie die Seite neu und wählen Sie erneut.',
    PARTITION_NOT_ENTITLED:
      'Ihr Zugangsschlüssel umfasst diesen Teil der Liste nicht. Bitten Sie den Betreiber, ihn Ihrem Abonnement hinzuzufügen.',
    INVALID_JSON:
      'Der Server hat die Anfrage der Seite nicht verstanden. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    INVALID_REQUEST:
      'Der Server hat die Anfrage der Seite nicht verstanden. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    TOO_MANY_NUMBERS:
      'Die Seite hat zu viele Nummern auf einmal gesendet. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    INVALID_ELEMENT:
      'Der Server hat eine verschlüsselte Nummer der Seite abgelehnt. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    INVALID_PATH: 'Die Seite hat den Server nach etwas gefragt, das es nicht gibt. Laden Sie die Seite neu.',
    NUMBER_IN_URL: 'Die Anfrage der Seite wurde abgelehnt, weil ihre Adresse wie eine Telefonnummer aussah.',
    UNAUTHORIZED:
      'Ihr Zugangsschlüssel wurde nicht angenommen. Prüfen Sie, ob Sie ihn vollständig kopiert haben; klappt es weiterhin nicht, fragen Sie den Betreiber, ob er noch gültig ist.',
    FORBIDDEN:
      'Mit Ihrem Zugangsschlüssel lassen sich keine Nummern prüfen. Bitten Sie den Betreiber um einen Schlüssel, der das erlaubt.',
    NOT_FOUND: 'Der Server hat nicht, was die Seite angefragt hat. Laden Sie die Seite neu.',
    METHOD_NOT_ALLOWED: 'Der Server hat die Anfrage der Seite abgelehnt. Laden Sie die Seite neu.',
    PAYLOAD_TOO_LARGE:
      'Die Seite hat zu viele Daten auf einmal gesendet. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    UNSUPPORTED_MEDIA_TYPE: 'Der Server hat die Anfrage der Seite nicht verstanden. Laden Sie die Seite neu.',
    RANGE_NOT_SATISFIABLE: 'Die Liste hat sich während des Herunterladens geändert. Laden Sie die Seite neu.',
    RATE_LIMITED:
      'Zu viele Anfragen in kurzer Zeit. Warten Sie eine Minute und versuchen Sie es dann erneut.',
    QUOTA_EXCEEDED: 'Das Kontingent Ihres Abonnements ist bis {time} aufgebraucht.',
    OPRF_KEY_RETIRED:
      'Die Sperrliste wurde inzwischen erneuert. Laden Sie die Seite neu und beginnen Sie von vorn.',
    INTERNAL:
      'Der Server hatte ein unerwartetes Problem. Versuchen Sie es in einigen Minuten erneut; besteht es weiter, informieren Sie den Betreiber.',
    UNSUPPORTED_MODE:
      'Dieser Server kann diese Liste nicht aus einem Browser prüfen. Wenden Sie sich an den Betreiber.',
    NO_EPOCH: 'Auf diesem Server wurde noch keine Sperrliste veröffentlicht.',
    STORAGE_UNAVAILABLE:
      'Der Server ist im Moment nicht erreichbar. Versuchen Sie es in einigen Minuten erneut.',
    INTEGRITY_FAILURE:
      'Die Liste auf dem Server hat ihre Prüfungen nicht bestanden, deshalb verweigert der Server die Antwort. Informieren Sie den Betreiber.',
    STALE_EPOCH: 'Der Server hat eine veraltete Liste abgelehnt. Informieren Sie den Betreiber.',
    POINTER_EXPIRED:
      'Die Liste auf dem Server ist abgelaufen: Der Betreiber muss eine neue erstellen oder quietlist renew ausführen. Bis dahin antwortet der Server nicht; informieren Sie den Betreiber.',
    MISCONFIGURED:
      'Der Server ist für diese Liste nicht richtig eingerichtet. Informieren Sie den Betreiber.',
    LIST_NOT_LIVE: 'Diese Liste nimmt zwischen ihren Erstellungen keine Ergänzungen an.',
    ADDITIONS_DISABLED: 'Dieser Server nimmt keine Ergänzungen zu Listen an.',
    TIMESTAMPS_DISABLED: 'Dieser Server zeichnet keine Nachweise gegen.',
  },
  reasons: {
    NOT_ENTITLED:
      'Nummer aus einem Teil der Liste, den Ihr Abonnement nicht umfasst: nicht geprüft, nicht anrufen',
    EMPTY: 'keine Nummer in der Zelle',
    NOT_A_NUMBER: 'keine Telefonnummer',
    INVALID_COUNTRY: 'unbekannte Ländervorwahl',
    TOO_SHORT: 'zu kurz für eine Nummer ihres Landes',
    TOO_LONG: 'zu lang für eine Nummer ihres Landes',
    INVALID_LENGTH: 'unmögliche Länge für ihr Land',
    EXCEL_SCIENTIFIC:
      'Excel hat die Nummer als 3,37E+10 angezeigt und Ziffern verloren: Formatieren Sie die Spalte in der Originaldatei als Text und exportieren Sie sie erneut',
    SEVERAL_NUMBERS: 'mehrere Nummern in einer Zelle: eine Nummer pro Zelle',
    NO_FIELD: 'die Zeile ist kürzer als die Kopfzeile: die Spalte mit der Telefonnummer fehlt',
    NO_VALID_READING:
      'keine vergebene Nummer, wie man sie auch liest (mit oder ohne verlorenes +, 00 oder 0)',
    LEADING_MINUS:
      'beginnt mit einem Minuszeichen, wie eine negative Zahl in einer Tabelle: schreiben Sie die Nummer ohne es',
  },
  problems: {
    fileEmpty: 'Die Datei ist leer.',
    fileNoHeader: 'Die Datei hat keine Kopfzeile: Ihre erste Zeile muss die Spalten benennen.',
    fileNotCsv:
      'Die Datei konnte nicht als Liste gelesen werden (Anführungszeichen oder Trennzeichen sind beschädigt). Öffnen Sie sie in Excel und speichern Sie sie erneut als CSV oder .xlsx.',
    kindPdf:
      'Das ist ein PDF-Dokument, keine Anrufliste. Exportieren Sie die Liste aus dem Programm, in dem sie steht (Ihr CRM, Excel), als CSV oder Excel und wählen Sie diese Datei.',
    kindImage:
      'Das ist ein Bild, keine Anrufliste. Exportieren Sie die Liste aus dem Programm, in dem sie steht, als CSV oder Excel und wählen Sie diese Datei.',
    kindWord:
      'Das ist ein Textdokument, keine Anrufliste. Kopieren Sie die Tabelle in Excel, speichern Sie sie als .xlsx und wählen Sie diese Datei.',
    kindPresentation:
      'Das ist eine Präsentation, keine Anrufliste. Wählen Sie die CSV- oder Excel-Datei der Liste.',
    kindArchive:
      'Das ist ein komprimiertes Archiv. Entpacken Sie es zuerst und wählen Sie dann die CSV- oder Excel-Datei darin.',
    kindXls:
      'Das ist eine alte Excel-Datei (.xls), die die Seite nicht liest. Öffnen Sie sie in Excel, speichern Sie sie als .xlsx (Datei › Speichern unter) und wählen Sie diese Datei.',
    kindHtml:
      'Das ist eine Webseite, die unter dem Namen einer Tabelle gespeichert wurde. Öffnen Sie sie in Excel, speichern Sie sie als .xlsx und wählen Sie diese Datei.',
    kindRtf:
      'Das ist ein Textdokument (RTF), keine Anrufliste. Wählen Sie die CSV- oder Excel-Datei der Liste.',
    kindProgram: 'Das ist ein Programm, keine Anrufliste. Wählen Sie die CSV- oder Excel-Datei der Liste.',
    workbookUnreadable:
      'Die Tabelle konnte nicht geöffnet werden. Öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie erneut als .xlsx und wählen Sie diese Datei.',
    workbookEmpty: 'Das erste Blatt der Tabelle ist leer.',
    workbookTooBig:
      'Die Tabelle ist zu groß, um sie im Browser zu bereinigen. Speichern Sie sie als CSV und wählen Sie diese Datei, oder nutzen Sie das Kommandozeilenprogramm.',
    keyMalformed:
      'Das ist kein Zugangsschlüssel: Ein Schlüssel beginnt mit ql_ und ist ein einziges langes Wort. Kopieren Sie ihn erneut aus der Nachricht des Betreibers.',
    listInvalid:
      'Die Liste hat die Prüfung ihrer Signatur oder Integrität nicht bestanden und wird deshalb nicht verwendet. Machen Sie nicht weiter und informieren Sie den Betreiber.',
    listTooOld:
      'Die Liste auf diesem Server ist älter, als das Register zum Anrufen erlaubt. Informieren Sie den Betreiber.',
    pageOutdated: 'Diese Seite ist für die Liste auf dem Server veraltet. Laden Sie die Seite neu.',
    listChanged:
      'Die Sperrliste wurde während der Prüfung erneuert. Laden Sie die Seite neu und beginnen Sie von vorn.',
    secretMode:
      'Diese Liste lässt sich nur prüfen, indem man die Nummern selbst an den Server schickt, und das tut diese Seite nie. Fragen Sie den Betreiber nach dem Kommandozeilenprogramm.',
    network:
      'Der Server war nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    additionsUnavailable:
      'Die neuesten Ergänzungen dieser Liste konnten nicht gelesen werden, daher wurde keine Antwort gegeben (eine in den letzten Minuten hinzugefügte Nummer könnte fehlen). Versuchen Sie es in einer Minute erneut.',
    serverUnavailable:
      'Der Server ist im Moment nicht erreichbar. Versuchen Sie es in einigen Minuten erneut.',
    privateDownloads:
      'Dieser Server gibt seine Liste nur an Abonnenten: Geben Sie Ihren Zugangsschlüssel ein und versuchen Sie es erneut.',
    unexpected:
      'Etwas Unerwartetes ist schiefgegangen. Laden Sie die Seite neu und versuchen Sie es noch einmal; passiert es wieder, informieren Sie den Betreiber.',
  },
};
