/** Der deutsche Text der Seiten: dieselben Schlüssel und dieselben `{Felder}` wie en.ts. */
import type { PageStrings } from './en.ts';

export const de: PageStrings = {
  page: {
    scopeLegend: 'Worum es bei Ihren Anrufen geht',
    scopeHelp:
      'Eine Person kann auch nur bestimmte Arten von Anrufen ablehnen. Wählen Sie, wie Sie Kontakt aufnehmen und worum es geht; im Zweifel lassen Sie „alle“ stehen: Dann schließt die Seite jede Person aus, die irgendeine dieser Arten abgelehnt hat.',
    scopeChannel: 'Anrufe per',
    scopeSector: 'zum Thema',
    scopeAny: 'alle (die sicherste Wahl)',
    scopeChannelCall: 'Telefonanrufe (llamadas)',
    scopeChannelSms: 'SMS und MMS',
    scopeChannelEmail: 'E-Mail (correo electrónico)',
    scopeChannelPost: 'Briefpost (correo postal)',
    scopeSectorEnergy: 'Energie und Versorgung (energía y suministros)',
    scopeSectorTelecoms: 'Telekommunikation (telecomunicaciones)',
    scopeSectorFinance: 'Banken und Finanzen (banca y finanzas)',
    scopeSectorInsurance: 'Versicherungen (seguros)',
    scopeSectorRetail: 'Handel und Konsumgüter (comercio y consumo)',
    scopeSectorTravel: 'Reisen und Freizeit (viajes y ocio)',
    scopeSectorAutomotive: 'Kraftfahrzeuge (automoción)',
    scopeSectorMedia: 'Medien und Verlage (medios y publicaciones)',
    scopeSectorEducation: 'Bildung und Weiterbildung (formación)',
    scopeSectorHealth: 'Gesundheit und Wohlbefinden (salud y bienestar)',
    scopeSectorCharity: 'Gemeinnützige Organisationen (ONG)',
    partitionsHeld:
      'Ihr Zugangsschlüssel gilt für {count} {count|Teil|Teile} dieser Liste ({list}); nur {count|dieser Teil wurde|diese Teile wurden} heruntergeladen. Nummern aus den anderen Teilen landen bei den abgelehnten Zeilen, nie in der bereinigten Liste.',
    title: 'Eine Anrufliste bereinigen — quietlist',
    heading: 'Eine Anrufliste mit der Sperrliste abgleichen und bereinigen',
    intro:
      'Wählen Sie Ihre Anrufliste. Die Seite entfernt die Nummern von Personen, die sich gegen Werbeanrufe eingetragen haben, und gibt Ihnen die Datei gebrauchsfertig im selben Format zurück. Ihre Datei verlässt diesen Computer nie.',
    language: 'Sprache',
    statusLink: 'Über diesen Dienst',
    noscript: 'Diese Seite benötigt JavaScript: Ihre Datei wird hier in diesem Browser geprüft.',
    listLoading: 'Die Sperrliste wird abgerufen …',
    listProgress: 'Die Sperrliste wird abgerufen: {percent}',
    listReady: 'Sperrliste vom {date} bereit: {entries} {entries|eingetragene Nummer|eingetragene Nummern}.',
    listFailed: 'Die Sperrliste konnte nicht geladen werden.',
    transferFresh:
      '{size} heruntergeladen. Die Liste wird in diesem Browser gespeichert: Beim nächsten Mal werden nur die Änderungen heruntergeladen.',
    transferUpdated: 'Mit den neuesten Änderungen aktualisiert: {size} heruntergeladen.',
    transferSame: 'Die in diesem Browser gespeicherte Liste ist auf dem neuesten Stand.',
    transferNotKept:
      '{size} heruntergeladen. Dieser Browser kann die Liste nicht speichern, daher wird sie beim nächsten Mal erneut heruntergeladen.',
    stepFile: '1. Ihre Anrufliste',
    fileLabel: 'Datei auswählen (CSV oder Excel)',
    fileReading: 'Die Datei wird gelesen …',
    fileRead: '{kind}: {rows} {rows|Zeile|Zeilen}, {columns} {columns|Spalte|Spalten}.',
    kindCsv: 'CSV-Datei',
    kindXlsx: 'Excel-Datei',
    kindOds: 'OpenDocument-Tabelle',
    stepColumns: '2. Die Spalten mit Telefonnummern',
    columnsHelp:
      'Markieren Sie jede Spalte, die Telefonnummern enthält. Eine Zeile bleibt nur erhalten, wenn keine ihrer Nummern auf der Sperrliste steht.',
    columnUnnamed: 'Spalte {n}',
    columnsFound: 'Telefonnummern gefunden in: {names}.',
    stepKey: '3. Ihr Zugangsschlüssel',
    apiKeyLabel: 'Zugangsschlüssel',
    apiKeyHelp:
      'Sie erhalten ihn vom Betreiber mit Ihrem Abonnement (er beginnt mit ql_). Er wird nur an diesen Server gesendet, damit die geprüften Nummern gezählt werden.',
    modeLegend: 'Die Hauptdatei enthält',
    modeDrop: 'nur die Zeilen, die Sie anrufen dürfen',
    modeFlag:
      'alle Zeilen, gekennzeichnet in einer Spalte quietlist_status (listed, not_listed oder invalid)',
    scrubButton: 'Liste bereinigen',
    progressCount: 'Die Nummern werden gezählt: Zeile {done} von {total} ({percent})',
    progressEvaluate: 'Die Nummern werden mit dem Server geprüft: {done} von {total} ({percent})',
    progressScrub: 'Die Zeilen werden sortiert: {done} von {total} ({percent})',
    planNeeded:
      'Diese Datei enthält {needed} {needed|noch nicht geprüfte Nummer|noch nicht geprüfte Nummern}, Ihr Abonnement erlaubt heute aber nur noch {remaining} {remaining|Prüfung|Prüfungen}.',
    planToday:
      'Heute kann die Seite {rowsToday} von {rows} Zeilen prüfen. {rest|Die verbleibende Zeile kann|Die übrigen {rest} Zeilen können} ab {resume} geprüft werden.',
    planMoreDays: 'Bei Ihrem Tageskontingent dauert der Rest danach noch {days} {days|Tag|Tage}.',
    planNothing:
      'Ihr Abonnement erlaubt heute keine weiteren Prüfungen: Die Zeilen können ab {resume} geprüft werden.',
    planContinue: 'Heute {rowsToday} {rowsToday|Zeile|Zeilen} prüfen',
    planCancel: 'Jetzt nicht',
    done: 'Fertig: {rows} {rows|Zeile|Zeilen} geprüft: {clean} zum Anrufen, {listed} auf der Sperrliste, {invalid} abgelehnt.',
    stopped:
      'Nicht abgeschlossen: {checked} von {total} Zeilen geprüft. {unchecked|Eine Zeile konnte|{unchecked} Zeilen konnten} noch nicht geprüft werden.',
    stoppedQuota: 'Das Kontingent Ihres Abonnements ist für heute aufgebraucht.',
    resumeAt: 'Wählen Sie ab {time} dieselbe Datei erneut aus, um die Prüfung abzuschließen.',
    resumeLater: 'Wählen Sie später dieselbe Datei erneut aus, um die Prüfung abzuschließen.',
    keptNote: 'Die bereits geprüften Nummern werden in diesem Browser gespeichert und nicht erneut gezählt.',
    notKeptNote:
      'Die bereits geprüften Nummern kann dieser Browser nicht speichern; sie werden daher erneut gezählt.',
    failed: 'Die Liste konnte nicht bereinigt werden.',
    noFile: 'Wählen Sie zuerst eine Datei aus.',
    noColumn: 'Markieren Sie mindestens eine Spalte mit Telefonnummern.',
    needKey: 'Geben Sie Ihren Zugangsschlüssel ein: Diese Liste wird mithilfe des Servers geprüft.',
    downloadsHeading: 'Ihre Dateien',
    downloadClean: 'Bereinigte Liste: die Zeilen, die Sie anrufen dürfen',
    downloadCleanPartial: 'Heute geprüfte Zeilen, die Sie anrufen dürfen',
    downloadFlagged: 'Alle Zeilen, gekennzeichnet in ihrer Spalte quietlist_status',
    downloadListed: 'Zeilen auf der Sperrliste: nicht anrufen',
    downloadRejects: 'Abgelehnte Zeilen, jeweils mit Begründung',
    downloadUnchecked: 'Noch nicht geprüfte Zeilen: erst nach der Prüfung anrufen',
    downloadReceipt: 'Prüfnachweis: als Beleg für die Prüfung aufbewahren',
    receiptStamped: 'Der Prüfnachweis ist vom Betreiber gegengezeichnet.',
    liveAdditions:
      '{entries} seit der letzten Erstellung zu dieser Liste {entries|hinzugefügte Nummer wurde|hinzugefügte Nummern wurden} ebenfalls geprüft (signierte Ergänzungen bis Nr. {through}).',
    receiptLater: 'Der Prüfnachweis wird mit der fertigen Datei bereitgestellt.',
    reasonsHeading: 'Warum Zeilen abgelehnt wurden',
    reasonLine: '{count} × {reason}',
    privacyHeading: 'Was Ihren Computer verlässt',
    privacyOpen:
      'Nichts aus Ihrer Datei. Die Seite lädt die signierte Sperrliste herunter und prüft Ihre Datei hier in diesem Browser.',
    privacyOprf:
      'Nichts Lesbares aus Ihrer Datei. Für jede Nummer schickt die Seite dem Server einen verschlüsselten Code, aus dem der Server die Nummer nicht ableiten kann; der Server antwortet mit einem Code, den nur dieser Browser lesen kann, und die Nummer wird dann hier nachgeschlagen. Der Server zählt die Nummern für Ihr Abonnement, mehr nicht.',
    privacySecret:
      'Diese Liste lässt sich nur prüfen, indem die Nummern selbst an den Server gesendet werden, und das tut diese Seite nie. Fragen Sie den Betreiber nach dem Kommandozeilenprogramm.',
    verifyHeading: 'Prüfen, ob diese Liste vom Betreiber stammt',
    keyHelp:
      'Die Seite prüft die Signatur der Liste mit dem unten angegebenen Schlüssel des Betreibers. Vergleichen Sie beim ersten Mal den Fingerabdruck des Schlüssels Zeichen für Zeichen mit dem, den Ihnen der Betreiber mitgeteilt hat (im Vertrag, per Brief oder telefonisch). Stimmen die beiden nicht überein, ist dies nicht die Seite des Betreibers: Schließen Sie sie.',
    fingerprintLabel: 'Fingerabdruck des Schlüssels',
    publicKeyLabel: 'Vollständiger Schlüssel',
    copyFingerprint: 'Fingerabdruck kopieren',
    copyPublicKey: 'Schlüssel kopieren',
    copied: 'Kopiert',
    excelSafeLabel: 'Dateien zum Öffnen in Excel: vor Formeln in den Zellen schützen',
    excelSafeHelp:
      "Eine Zelle, die mit = + - oder @ (oder einem Tabulator) beginnt, wird von Excel, LibreOffice und Google Tabellen als Formel ausgeführt; ist das Kästchen markiert, erhält eine solche Zelle in einer CSV-Datei ein ' vorangestellt, und die Formeln einer Arbeitsmappe werden als ihre Werte geschrieben. Zahlen und Telefonnummern (+49 30 1234567) werden nie verändert. Entfernen Sie die Markierung bei Dateien für eine Wählanlage (Dialer) oder ein CRM: Diese erhalten dann jede Zeile Byte für Byte unverändert.",
    formulasNeutralised:
      "{cells} {cells|Zelle, die eine Tabellenkalkulation als Formel ausgeführt hätte, wurde|Zellen, die eine Tabellenkalkulation als Formeln ausgeführt hätte, wurden} als Text (mit vorangestelltem ') oder als {cells|ihr Wert|ihre Werte} geschrieben.",
    formulasKept:
      '{cells} {cells|Zelle beginnt|Zellen beginnen} mit = + - oder @ und {cells|wurde|wurden} unverändert geschrieben: Eine Tabellenkalkulation würde {cells|sie als Formel|sie als Formeln} ausführen.',
    listIdentifier: 'Kennung der Liste: {epoch}',
  },
  status: {
    scopesLine:
      'Eine Eintragung kann auf bestimmte Kanäle ({channels}) oder Themen ({sectors}) beschränkt sein: Unternehmen prüfen jeweils für die Art von Anrufen, die sie tätigen.',
    partitionsLine:
      'Die Liste wird in {count} {count|Teil|Teilen} verkauft: Jedes Unternehmen lädt nur die Teile seines Abonnements herunter und prüft nur diese.',
    title: 'quietlist — Sperrliste für Werbeanrufe',
    heading: 'Die Sperrliste: abgleichen, ohne Ihre Dateien weiterzugeben',
    intro:
      'Diese Liste enthält die Telefonnummern von Personen, die sich gegen Werbeanrufe eingetragen haben. Unternehmen dürfen sie nicht anrufen und gleichen deshalb ihre Anruflisten vor dem Anrufen mit dieser Liste ab.',
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
      'Der Server hat eine ältere Liste abgelehnt, die ihm angeboten wurde, und stellt weiterhin die oben genannte bereit (seit dem {time}).',
    refusedPointer:
      'Der Server hat die neueste ihm übergebene Liste abgelehnt (abgelaufen oder Signaturprüfung nicht bestanden) und stellt weiterhin die oben genannte bereit (seit dem {time}).',
    privacyHeading: 'Was diese Liste schützt',
    privacyOprf:
      'Jede Prüfung braucht die Hilfe des Servers und wird auf das Abonnement des Unternehmens angerechnet; der Server sieht die geprüften Nummern nie, und die Liste selbst bleibt immer beim Betreiber.',
    privacySecret:
      'Prüfungen laufen über diesen Server, der die geprüften Nummern sieht (er speichert sie nicht); die Liste selbst bleibt immer beim Betreiber.',
    privacyOpen:
      'Wer die Dateien dieser Liste hat, kann jede Nummer offline prüfen und die Liste rekonstruieren, indem er alle Nummern durchprobiert: alle Mobilnummern in {mobiles} auf einem einzigen Computer, alle Nummern in {all}. Dieser Modus schützt die Anruflisten der Unternehmen, nicht die eingetragenen Personen.',
    privacyOpenUnmeasured:
      'Wer die Dateien dieser Liste hat, kann jede Nummer offline prüfen und die Liste rekonstruieren, indem er alle Nummern durchprobiert ({perSecond} pro Sekunde auf einem einzigen Computer). Dieser Modus schützt die Anruflisten der Unternehmen, nicht die eingetragenen Personen.',
    technicalHeading: 'Technische Angaben',
    technicalHelp: 'Für Entwickler, Integratoren und Prüfer.',
    register: 'Register',
    epoch: 'Kennung der Liste (Epoche)',
    built: 'Erstellt',
    published: 'Veröffentlicht',
    expires: 'Bekanntgabe gültig bis',
    expiresNote: '(signiert; der Betreiber erneuert sie bei jeder Erstellung)',
    entries: 'Eingetragene Nummern',
    epsilon: 'Falsch-positiv-Rate (ε)',
    epsilonValue: '{rate} (1 von {inverse})',
    mode: 'Modus',
    shards: 'Filterdateien',
    manifestHash: 'SHA-256 des Manifests',
    fingerprint: 'Fingerabdruck des Signaturschlüssels',
    publicKey: 'Öffentlicher Signaturschlüssel (Base64)',
    pullHelp:
      'Über die Kommandozeile, mit fest hinterlegtem Schlüssel oder mit dem Fingerabdruck, den Ihnen der Betreiber mitgeteilt hat:',
    keyChain: 'Schlüsselkette',
    keyChainValue:
      'konfigurierter Schlüssel {configured}, über signierte Bekanntgaben bis {current} verfolgt',
    nextKey: 'Nächster Signaturschlüssel (angekündigt)',
    nextKeyValue: '{next}: Spätere Listen werden damit signiert; Clients folgen ihm',
    links: 'Links',
    apiDocs: 'Dokumentation der API',
    openApi: 'OpenAPI-Dokument',
    latestManifest: 'Neuestes signiertes Manifest',
    thisManifest: 'Manifest dieser Liste',
    shardLink: '{bytes} Byte',
    moreShards: '… {count} {count|weitere Filterdatei|weitere Filterdateien}: siehe Manifest',
    health: 'Zustand des Dienstes',
  },
  apiErrors: {
    INVALID_SCOPE:
      'Die Seite hat einen Kanal oder ein Thema angefragt, das diese Liste nicht kennt. Laden Sie die Seite neu und wählen Sie erneut.',
    PARTITION_NOT_ENTITLED:
      'Ihr Zugangsschlüssel gilt nicht für diesen Teil der Liste. Bitten Sie den Betreiber, ihn Ihrem Abonnement hinzuzufügen.',
    INVALID_JSON:
      'Der Server hat die Anfrage der Seite nicht verstanden. Laden Sie die Seite neu und versuchen Sie es erneut.',
    INVALID_REQUEST:
      'Der Server hat die Anfrage der Seite nicht verstanden. Laden Sie die Seite neu und versuchen Sie es erneut.',
    TOO_MANY_NUMBERS:
      'Die Seite hat zu viele Nummern auf einmal gesendet. Laden Sie die Seite neu und versuchen Sie es erneut.',
    INVALID_ELEMENT:
      'Der Server hat eine verschlüsselte Nummer der Seite abgelehnt. Laden Sie die Seite neu und versuchen Sie es erneut.',
    INVALID_PATH: 'Die Seite hat beim Server etwas angefragt, das es nicht gibt. Laden Sie die Seite neu.',
    NUMBER_IN_URL: 'Die Anfrage der Seite wurde abgelehnt, weil ihre Adresse wie eine Telefonnummer aussah.',
    UNAUTHORIZED:
      'Ihr Zugangsschlüssel wurde nicht angenommen. Prüfen Sie, ob Sie ihn vollständig kopiert haben; klappt es weiterhin nicht, fragen Sie den Betreiber, ob er noch gültig ist.',
    FORBIDDEN:
      'Mit Ihrem Zugangsschlüssel lassen sich keine Nummern prüfen. Bitten Sie den Betreiber um einen Schlüssel, der das erlaubt.',
    NOT_FOUND: 'Der Server findet nicht, was die Seite angefragt hat. Laden Sie die Seite neu.',
    METHOD_NOT_ALLOWED: 'Der Server hat die Anfrage der Seite abgelehnt. Laden Sie die Seite neu.',
    PAYLOAD_TOO_LARGE:
      'Die Seite hat zu viele Daten auf einmal gesendet. Laden Sie die Seite neu und versuchen Sie es erneut.',
    UNSUPPORTED_MEDIA_TYPE: 'Der Server hat die Anfrage der Seite nicht verstanden. Laden Sie die Seite neu.',
    RANGE_NOT_SATISFIABLE: 'Die Liste hat sich während des Herunterladens geändert. Laden Sie die Seite neu.',
    RATE_LIMITED:
      'Zu viele Anfragen in kurzer Zeit. Warten Sie eine Minute und versuchen Sie es dann erneut.',
    QUOTA_EXCEEDED: 'Das Kontingent Ihres Abonnements ist bis zum {time} aufgebraucht.',
    OPRF_KEY_RETIRED:
      'Die Sperrliste wurde inzwischen erneuert. Laden Sie die Seite neu und beginnen Sie von vorn.',
    INTERNAL:
      'Beim Server ist ein unerwartetes Problem aufgetreten. Versuchen Sie es in einigen Minuten erneut; besteht es weiter, informieren Sie den Betreiber.',
    UNSUPPORTED_MODE:
      'Dieser Server kann diese Liste nicht über einen Browser prüfen. Wenden Sie sich an den Betreiber.',
    NO_EPOCH: 'Auf diesem Server wurde noch keine Sperrliste veröffentlicht.',
    STORAGE_UNAVAILABLE:
      'Der Server ist im Moment nicht verfügbar. Versuchen Sie es in einigen Minuten erneut.',
    INTEGRITY_FAILURE:
      'Die Liste auf dem Server hat ihre Prüfungen nicht bestanden, deshalb verweigert der Server die Antwort. Informieren Sie den Betreiber.',
    STALE_EPOCH: 'Der Server hat eine veraltete Liste abgelehnt. Informieren Sie den Betreiber.',
    POINTER_EXPIRED:
      'Die Liste auf dem Server ist abgelaufen: Der Betreiber muss eine neue erstellen oder quietlist renew ausführen. Bis dahin verweigert der Server die Antwort; informieren Sie den Betreiber.',
    MISCONFIGURED:
      'Der Server ist für diese Liste nicht richtig eingerichtet. Informieren Sie den Betreiber.',
    LIST_NOT_LIVE: 'Diese Liste nimmt zwischen zwei Erstellungen keine Ergänzungen an.',
    ADDITIONS_DISABLED: 'Dieser Server nimmt keine Ergänzungen zu Listen an.',
    TIMESTAMPS_DISABLED: 'Dieser Server zeichnet keine Prüfnachweise gegen.',
  },
  reasons: {
    NOT_ENTITLED:
      'Nummer aus einem Teil der Liste, für den Ihr Abonnement nicht gilt: nicht geprüft, nicht anrufen',
    EMPTY: 'keine Nummer in der Zelle',
    NOT_A_NUMBER: 'keine Telefonnummer',
    INVALID_COUNTRY: 'unbekannte Ländervorwahl',
    TOO_SHORT: 'zu kurz für eine Telefonnummer ihres Landes',
    TOO_LONG: 'zu lang für eine Telefonnummer ihres Landes',
    INVALID_LENGTH: 'für ihr Land ungültige Länge',
    EXCEL_SCIENTIFIC:
      'Excel hat die Nummer als 3,37E+10 angezeigt und Ziffern verloren: Formatieren Sie die Spalte in der Originaldatei als Text und exportieren Sie sie erneut',
    SEVERAL_NUMBERS: 'mehrere Nummern in einer Zelle: bitte nur eine Nummer pro Zelle',
    NO_FIELD: 'die Zeile ist kürzer als die Kopfzeile: die Spalte mit der Telefonnummer fehlt',
    NO_VALID_READING:
      'keine vergebene Nummer, wie auch immer man sie liest (mit oder ohne verlorenes +, 00 oder 0)',
    LEADING_MINUS:
      'beginnt mit einem Minuszeichen, wie eine Tabellenkalkulation eine negative Zahl schreibt: Schreiben Sie die Nummer ohne Minuszeichen',
  },
  problems: {
    fileEmpty: 'Die Datei ist leer.',
    fileNoHeader: 'Die Datei hat keine Kopfzeile: Die erste Zeile muss die Spaltennamen enthalten.',
    fileNotCsv:
      'Die Datei konnte nicht als Liste gelesen werden (Anführungszeichen oder Trennzeichen sind fehlerhaft). Öffnen Sie sie in Excel und speichern Sie sie erneut als CSV oder .xlsx.',
    kindPdf:
      'Das ist ein PDF-Dokument, keine Anrufliste. Exportieren Sie die Liste aus dem Programm, in dem sie gepflegt wird (Ihr CRM, Excel), als CSV oder Excel und wählen Sie dann diese Datei aus.',
    kindImage:
      'Das ist ein Bild, keine Anrufliste. Exportieren Sie die Liste aus dem Programm, in dem sie gepflegt wird, als CSV oder Excel und wählen Sie dann diese Datei aus.',
    kindWord:
      'Das ist ein Textdokument, keine Anrufliste. Kopieren Sie die Tabelle nach Excel, speichern Sie sie als .xlsx und wählen Sie dann diese Datei aus.',
    kindPresentation:
      'Das ist eine Präsentation, keine Anrufliste. Wählen Sie die CSV- oder Excel-Datei der Liste aus.',
    kindArchive:
      'Das ist ein komprimiertes Archiv. Entpacken Sie es zuerst und wählen Sie dann die darin enthaltene CSV- oder Excel-Datei aus.',
    kindXls:
      'Das ist eine alte Excel-Datei (.xls), die die Seite nicht lesen kann. Öffnen Sie sie in Excel, speichern Sie sie als .xlsx (Datei › Speichern unter) und wählen Sie dann diese Datei aus.',
    kindHtml:
      'Das ist eine Webseite, die unter dem Namen einer Tabelle gespeichert wurde. Öffnen Sie sie in Excel, speichern Sie sie als .xlsx und wählen Sie dann diese Datei aus.',
    kindRtf:
      'Das ist ein Textdokument (RTF), keine Anrufliste. Wählen Sie die CSV- oder Excel-Datei der Liste aus.',
    kindProgram:
      'Das ist ein Programm, keine Anrufliste. Wählen Sie die CSV- oder Excel-Datei der Liste aus.',
    workbookUnreadable:
      'Die Tabelle konnte nicht geöffnet werden. Öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie erneut als .xlsx und wählen Sie dann diese Datei aus.',
    workbookEmpty: 'Das erste Tabellenblatt ist leer.',
    workbookTooBig:
      'Die Tabelle ist zu groß, um sie im Browser zu bereinigen. Speichern Sie sie als CSV und wählen Sie diese Datei aus, oder verwenden Sie das Kommandozeilenprogramm.',
    keyMalformed:
      'Das ist kein Zugangsschlüssel: Ein Schlüssel beginnt mit ql_ und ist ein einziges langes Wort. Kopieren Sie ihn erneut aus der Nachricht des Betreibers.',
    listInvalid:
      'Die Liste hat die Prüfung ihrer Signatur oder Integrität nicht bestanden und wird deshalb nicht verwendet. Fahren Sie nicht fort und informieren Sie den Betreiber.',
    listTooOld:
      'Die Liste auf diesem Server ist älter, als es das Register für Anrufe erlaubt. Informieren Sie den Betreiber.',
    pageOutdated: 'Diese Seite passt nicht mehr zur Liste auf dem Server. Laden Sie die Seite neu.',
    listChanged:
      'Die Sperrliste wurde während der Prüfung erneuert. Laden Sie die Seite neu und beginnen Sie von vorn.',
    secretMode:
      'Diese Liste lässt sich nur prüfen, indem die Nummern selbst an den Server gesendet werden, und das tut diese Seite nie. Fragen Sie den Betreiber nach dem Kommandozeilenprogramm.',
    network:
      'Der Server war nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    additionsUnavailable:
      'Die neuesten Ergänzungen dieser Liste konnten nicht gelesen werden, daher wurde keine Antwort gegeben (eine in den letzten Minuten hinzugefügte Nummer könnte sonst übersehen werden). Versuchen Sie es in einer Minute erneut.',
    serverUnavailable:
      'Der Server ist im Moment nicht verfügbar. Versuchen Sie es in einigen Minuten erneut.',
    privateDownloads:
      'Dieser Server stellt seine Liste nur Abonnenten bereit: Geben Sie Ihren Zugangsschlüssel ein und versuchen Sie es erneut.',
    unexpected:
      'Es ist ein unerwarteter Fehler aufgetreten. Laden Sie die Seite neu und versuchen Sie es erneut; passiert es wieder, informieren Sie den Betreiber.',
  },
};
