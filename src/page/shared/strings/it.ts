/**
 * Il testo italiano delle pagine: le stesse chiavi e gli stessi `{campi}` di en.ts. Registro formale
 * (Lei); i pulsanti usano l’imperativo breve consueto delle interfacce ("Copia", "Pulisci").
 */
import type { PageStrings } from './en.ts';

export const it: PageStrings = {
  page: {
    scopeLegend: 'Di che cosa trattano le sue chiamate',
    scopeHelp:
      'Una persona può rifiutare solo alcuni tipi di chiamate. Scelga come contatta e per quale argomento; nel dubbio lasci «qualsiasi»: la pagina esclude così chiunque abbia rifiutato uno di questi tipi.',
    scopeChannel: 'Chiamate tramite',
    scopeSector: 'sull’argomento',
    scopeAny: 'qualsiasi (la scelta più sicura)',
    scopeChannelCall: 'chiamate telefoniche (llamadas)',
    scopeChannelSms: 'SMS e MMS',
    scopeChannelEmail: 'posta elettronica (correo electrónico)',
    scopeChannelPost: 'posta (correo postal)',
    scopeSectorEnergy: 'energia e servizi (energía y suministros)',
    scopeSectorTelecoms: 'telecomunicazioni (telecomunicaciones)',
    scopeSectorFinance: 'banche e finanza (banca y finanzas)',
    scopeSectorInsurance: 'assicurazioni (seguros)',
    scopeSectorRetail: 'commercio e beni di consumo (comercio y consumo)',
    scopeSectorTravel: 'viaggi e tempo libero (viajes y ocio)',
    scopeSectorAutomotive: 'automobili (automoción)',
    scopeSectorMedia: 'media ed editoria (medios y publicaciones)',
    scopeSectorEducation: 'istruzione e formazione (formación)',
    scopeSectorHealth: 'salute e benessere (salud y bienestar)',
    scopeSectorCharity: 'enti benefici e ONG (ONG)',
    partitionsHeld:
      'La sua chiave di accesso copre {count} {count|parte|parti} di questo registro ({list}); {count|è stata scaricata solo quella parte|sono state scaricate solo quelle parti}. I numeri delle altre parti finiscono tra le righe scartate, mai nella lista pulita.',
    title: 'Pulire una lista di contatti — quietlist',
    heading: 'Pulire una lista di contatti con il registro delle opposizioni',
    intro:
      'Scelga la sua lista di contatti. La pagina toglie i numeri delle persone iscritte per non ricevere chiamate commerciali e le restituisce il file pronto all’uso, nello stesso formato. Il suo file non lascia mai questo computer.',
    language: 'Lingua',
    statusLink: 'Informazioni sul servizio',
    noscript: 'Questa pagina richiede JavaScript: il suo file viene controllato qui, in questo browser.',
    listLoading: 'Recupero del registro delle opposizioni…',
    listProgress: 'Recupero del registro delle opposizioni: {percent}',
    listReady:
      'Registro delle opposizioni pronto (versione del giorno {date}): {entries} {entries|numero iscritto|numeri iscritti}.',
    listFailed: 'Non è stato possibile caricare il registro delle opposizioni.',
    transferFresh:
      '{size} scaricati. Il registro viene conservato in questo browser: la prossima volta verranno scaricate solo le modifiche.',
    transferUpdated: 'Aggiornato con le ultime modifiche: {size} scaricati.',
    transferSame: 'Il registro conservato in questo browser è aggiornato.',
    transferNotKept:
      '{size} scaricati. Questo browser non può conservare il registro, quindi la prossima volta verrà scaricato di nuovo.',
    stepFile: '1. La sua lista di contatti',
    fileLabel: 'Scelga il file (CSV o Excel)',
    fileReading: 'Lettura del file…',
    fileRead: '{kind}: {rows} {rows|riga|righe}, {columns} {columns|colonna|colonne}.',
    kindCsv: 'File CSV',
    kindXlsx: 'File Excel',
    kindOds: 'Foglio di calcolo OpenDocument',
    stepColumns: '2. Le colonne con i numeri di telefono',
    columnsHelp:
      'Selezioni ogni colonna che contiene numeri di telefono. Una riga viene mantenuta solo se nessuno dei suoi numeri è iscritto nel registro.',
    columnUnnamed: 'Colonna {n}',
    columnsFound: 'Numeri di telefono trovati in: {names}.',
    stepKey: '3. La sua chiave di accesso',
    apiKeyLabel: 'Chiave di accesso',
    apiKeyHelp:
      'Fornita dal gestore con il suo abbonamento (inizia con ql_). Viene inviata solo a questo server, per conteggiare i numeri controllati.',
    modeLegend: 'Il file principale contiene',
    modeDrop: 'solo le righe che può chiamare',
    modeFlag: 'tutte le righe, contrassegnate in una colonna quietlist_status (listed, not_listed o invalid)',
    scrubButton: 'Pulisci la lista',
    progressCount: 'Conteggio dei numeri: riga {done} di {total} ({percent})',
    progressEvaluate: 'Controllo dei numeri con il server: {done} di {total} ({percent})',
    progressScrub: 'Smistamento delle righe: {done} di {total} ({percent})',
    planNeeded:
      'Questo file contiene {needed} {needed|numero non ancora controllato|numeri non ancora controllati}, ma oggi il suo abbonamento ne consente solo {remaining|un altro|altri {remaining}}.',
    planToday:
      'Oggi la pagina può controllare {rowsToday} {rowsToday|riga|righe} su {rows}. {rest|La riga restante potrà essere controllata|Le altre {rest} righe potranno essere controllate} a partire dal giorno {resume}.',
    planMoreDays:
      'Con la sua quota giornaliera, per il resto {days|servirà poi un altro giorno|serviranno poi altri {days} giorni}.',
    planNothing:
      'Il suo abbonamento non consente altri controlli oggi: le righe potranno essere controllate a partire dal giorno {resume}.',
    planContinue: 'Controlla {rowsToday} {rowsToday|riga|righe} oggi',
    planCancel: 'Non ora',
    done: 'Fatto: {rows} {rows|riga controllata|righe controllate}: {clean} da chiamare, {listed} nel registro delle opposizioni, {invalid} {invalid|scartata|scartate}.',
    stopped:
      'Non completato: {checked} {checked|riga controllata|righe controllate} su {total}. {unchecked|Una riga non è ancora stata controllata|{unchecked} righe non sono ancora state controllate}.',
    stoppedQuota: 'La quota del suo abbonamento per oggi è esaurita.',
    resumeAt: 'Scelga di nuovo lo stesso file a partire dal giorno {time} per completare il controllo.',
    resumeLater: 'Scelga di nuovo lo stesso file più tardi per completare il controllo.',
    keptNote:
      'I numeri già controllati sono conservati in questo browser e non vengono conteggiati di nuovo.',
    notKeptNote: 'Questo browser non può conservare i numeri già controllati: verranno conteggiati di nuovo.',
    failed: 'Non è stato possibile pulire la lista.',
    noFile: 'Scelga prima un file.',
    noColumn: 'Selezioni almeno una colonna con numeri di telefono.',
    needKey: 'Inserisca la sua chiave di accesso: questo registro si controlla con l’aiuto del server.',
    downloadsHeading: 'I suoi file',
    downloadClean: 'Lista pulita: le righe che può chiamare',
    downloadCleanPartial: 'Righe controllate oggi che può chiamare',
    downloadFlagged: 'Tutte le righe, contrassegnate nella loro colonna quietlist_status',
    downloadListed: 'Righe iscritte nel registro delle opposizioni: non le chiami',
    downloadRejects: 'Righe scartate, ciascuna con il motivo',
    downloadUnchecked: 'Righe non ancora controllate: non le chiami prima del controllo',
    downloadReceipt: 'Ricevuta: la conservi come prova del controllo',
    receiptStamped: 'La ricevuta è controfirmata dal gestore.',
    liveAdditions:
      '{entries|È stato controllato|Sono stati controllati} anche {entries} {entries|numero aggiunto|numeri aggiunti} a questo registro dopo la sua ultima generazione (aggiunte firmate fino al n. {through}).',
    receiptLater: 'La ricevuta arriverà con il file completato.',
    reasonsHeading: 'Perché alcune righe sono state scartate',
    reasonLine: '{count} × {reason}',
    privacyHeading: 'Che cosa lascia il suo computer',
    privacyOpen:
      'Niente del suo file. La pagina scarica il registro delle opposizioni firmato e controlla il suo file qui, in questo browser.',
    privacyOprf:
      'Niente di leggibile del suo file. Per ogni numero la pagina invia al server un codice cifrato da cui il server non può ricavare il numero; il server risponde con un codice che solo questo browser sa leggere, e il numero viene poi cercato qui. Il server conteggia i numeri sul suo abbonamento, nient’altro.',
    privacySecret:
      'Questo registro si può controllare solo inviando al server i numeri stessi, cosa che questa pagina non fa mai. Chieda al gestore lo strumento a riga di comando.',
    verifyHeading: 'Verificare che il registro provenga dal gestore',
    keyHelp:
      'La pagina verifica la firma del registro con la chiave del gestore riportata qui sotto. La prima volta, confronti l’impronta della chiave carattere per carattere con quella che le ha fornito il gestore (nel contratto, per lettera o per telefono). Se sono diverse, questa pagina non è quella del gestore: la chiuda.',
    fingerprintLabel: 'Impronta della chiave',
    publicKeyLabel: 'Chiave completa',
    copyFingerprint: 'Copia l’impronta',
    copyPublicKey: 'Copia la chiave',
    copied: 'Copiato',
    excelSafeLabel: 'File da aprire in Excel: proteggerli dalle formule nelle celle',
    excelSafeHelp:
      "Excel, LibreOffice e Fogli Google eseguono come formula una cella che inizia con = + - o @ (o con una tabulazione); con la casella selezionata, in un file CSV una cella del genere riceve un ' davanti, e le formule di una cartella di lavoro vengono scritte come i loro valori. I numeri, compresi quelli di telefono (+39 312 345 6789), non vengono mai modificati. Tolga la selezione per i file destinati a un sistema di chiamata automatica o a un CRM, che ricevono così ogni riga byte per byte.",
    formulasNeutralised:
      "{cells} {cells|cella che un foglio di calcolo avrebbe eseguito come formula è stata scritta|celle che un foglio di calcolo avrebbe eseguito come formule sono state scritte} come testo (con un ' davanti) o come {cells|il suo valore|i loro valori}.",
    formulasKept:
      '{cells} {cells|cella inizia|celle iniziano} con = + - o @ {cells|ed è stata scritta così com’era|e sono state scritte così com’erano}: un foglio di calcolo {cells|la eseguirebbe come formula|le eseguirebbe come formule}.',
    listIdentifier: 'Identificativo del registro: {epoch}',
  },
  status: {
    scopesLine:
      'Un’iscrizione può limitarsi ad alcuni canali ({channels}) o argomenti ({sectors}): ogni azienda controlla i numeri per il tipo di chiamate che effettua.',
    partitionsLine:
      'Il registro è venduto in {count} {count|parte|parti}: ogni azienda scarica, e controlla, solo le parti del proprio abbonamento.',
    title: 'quietlist — registro delle opposizioni al telemarketing',
    heading: 'Il registro delle opposizioni, consultato senza condividere i suoi file',
    intro:
      'Questo registro contiene i numeri di telefono delle persone che si sono iscritte per non ricevere chiamate commerciali. Le aziende non devono chiamarle: per questo, prima di chiamare, controllano le proprie liste di contatti con questo registro.',
    cta: 'Pulire una lista di contatti',
    ctaHelp: 'Nel suo browser: il file resta sul suo computer e non viene inviato a nessuno.',
    listOf:
      'La versione del giorno {date} del registro contiene {entries} {entries|numero iscritto|numeri iscritti}.',
    registerRules: '{register}: {validity} {window}',
    validityNever: 'le iscrizioni non scadono mai;',
    validityYears: 'un’iscrizione dura {years} {years|anno|anni};',
    windowDays: 'chiami solo in base a un registro consultato da non più di {days} {days|giorno|giorni}.',
    windowNone: 'usi un registro consultato da non più di un mese.',
    unavailable: 'Il registro non è disponibile in questo momento. {problem}',
    rollback:
      'Il server ha rifiutato una versione più vecchia del registro che gli era stata proposta e continua a servire quella indicata sopra (dal giorno {time}).',
    refusedPointer:
      'Il server ha rifiutato l’ultima versione del registro che ha ricevuto (scaduta, o con una firma non valida) e continua a servire quella indicata sopra (dal giorno {time}).',
    privacyHeading: 'Che cosa protegge questo registro',
    privacyOprf:
      'Ogni controllo richiede l’aiuto del server ed è conteggiato sull’abbonamento dell’azienda; il server non vede mai i numeri controllati, e il registro stesso resta sempre presso il gestore.',
    privacySecret:
      'I controlli passano da questo server, che vede i numeri controllati (senza memorizzarli); il registro stesso resta sempre presso il gestore.',
    privacyOpen:
      'Chiunque abbia i file di questo registro può controllare qualsiasi numero senza connessione, e ricostruire il registro provando tutti i numeri: tutti i cellulari in {mobiles} con un solo computer, tutti i numeri in {all}. Questa modalità protegge le liste di contatti delle aziende, non le persone iscritte.',
    privacyOpenUnmeasured:
      'Chiunque abbia i file di questo registro può controllare qualsiasi numero senza connessione, e ricostruire il registro provando tutti i numeri ({perSecond} al secondo con un solo computer). Questa modalità protegge le liste di contatti delle aziende, non le persone iscritte.',
    technicalHeading: 'Dettagli tecnici',
    technicalHelp: 'Per sviluppatori, integratori e revisori.',
    register: 'Registro',
    epoch: 'Identificativo del registro (epoca)',
    built: 'Generato il',
    published: 'Pubblicato il',
    expires: 'Scadenza dell’annuncio',
    expiresNote: '(firmato; il gestore lo rinnova a ogni generazione)',
    entries: 'Numeri iscritti',
    epsilon: 'Tasso di falsi positivi (ε)',
    epsilonValue: '{rate} (1 su {inverse})',
    mode: 'Modalità',
    shards: 'File del filtro',
    manifestHash: 'SHA-256 del manifesto',
    fingerprint: 'Impronta della chiave di firma',
    publicKey: 'Chiave pubblica di firma (base64)',
    pullHelp: 'Dalla riga di comando, fissando la chiave oppure l’impronta che le ha fornito il gestore:',
    keyChain: 'Catena di chiavi',
    keyChainValue: 'chiave configurata {configured}, seguita fino a {current} tramite annunci firmati',
    nextKey: 'Prossima chiave di firma (annunciata)',
    nextKeyValue:
      '{next}: le versioni successive del registro saranno firmate con questa chiave; i client la seguono',
    links: 'Collegamenti',
    apiDocs: 'Documentazione dell’API',
    openApi: 'Documento OpenAPI',
    latestManifest: 'Ultimo manifesto firmato',
    thisManifest: 'Manifesto di questo registro',
    shardLink: '{bytes} byte',
    moreShards: '… {count|un altro file|altri {count} file} del filtro: veda il manifesto',
    health: 'Stato del servizio',
  },
  apiErrors: {
    INVALID_SCOPE:
      'La pagina ha chiesto un canale o un argomento che questo registro non prevede. Ricarichi la pagina e scelga di nuovo.',
    PARTITION_NOT_ENTITLED:
      'La sua chiave di accesso non copre questa parte del registro. Chieda al gestore di aggiungerla al suo abbonamento.',
    INVALID_JSON: 'Il server non ha capito la richiesta della pagina. Ricarichi la pagina e riprovi.',
    INVALID_REQUEST: 'Il server non ha capito la richiesta della pagina. Ricarichi la pagina e riprovi.',
    TOO_MANY_NUMBERS: 'La pagina ha inviato troppi numeri in una volta. Ricarichi la pagina e riprovi.',
    INVALID_ELEMENT:
      'Il server ha rifiutato un numero cifrato inviato dalla pagina. Ricarichi la pagina e riprovi.',
    INVALID_PATH: 'La pagina ha chiesto al server qualcosa che non esiste. Ricarichi la pagina.',
    NUMBER_IN_URL:
      'La richiesta della pagina è stata rifiutata perché il suo indirizzo sembrava un numero di telefono.',
    UNAUTHORIZED:
      'La sua chiave di accesso non è stata accettata. Verifichi di averla copiata per intero; se il problema persiste, chieda al gestore se è ancora valida.',
    FORBIDDEN:
      'La sua chiave di accesso non permette di controllare numeri. Chieda al gestore una chiave che lo permetta.',
    NOT_FOUND: 'Il server non ha ciò che la pagina ha chiesto. Ricarichi la pagina.',
    METHOD_NOT_ALLOWED: 'Il server ha rifiutato la richiesta della pagina. Ricarichi la pagina.',
    PAYLOAD_TOO_LARGE: 'La pagina ha inviato troppi dati in una volta. Ricarichi la pagina e riprovi.',
    UNSUPPORTED_MEDIA_TYPE: 'Il server non ha capito la richiesta della pagina. Ricarichi la pagina.',
    RANGE_NOT_SATISFIABLE: 'Il registro è cambiato durante il download. Ricarichi la pagina.',
    RATE_LIMITED: 'Troppe richieste in poco tempo. Attenda un minuto e riprovi.',
    QUOTA_EXCEEDED: 'La quota del suo abbonamento è esaurita fino al giorno {time}.',
    OPRF_KEY_RETIRED:
      'Nel frattempo il registro delle opposizioni è stato rinnovato. Ricarichi la pagina e ricominci.',
    INTERNAL:
      'Il server ha avuto un problema imprevisto. Riprovi tra qualche minuto; se il problema persiste, avvisi il gestore.',
    UNSUPPORTED_MODE:
      'Questo server non può controllare questo registro da un browser. Si rivolga al gestore.',
    NO_EPOCH: 'Su questo server non è ancora stato pubblicato alcun registro delle opposizioni.',
    STORAGE_UNAVAILABLE: 'Il server non è al momento disponibile. Riprovi tra qualche minuto.',
    INTEGRITY_FAILURE:
      'Il registro sul server non ha superato i controlli, quindi il server si rifiuta di rispondere. Avvisi il gestore.',
    STALE_EPOCH: 'Il server ha rifiutato una versione superata del registro. Avvisi il gestore.',
    POINTER_EXPIRED:
      'Il registro sul server è scaduto: il gestore deve generarne uno nuovo o eseguire quietlist renew. Fino ad allora il server si rifiuta di rispondere; avvisi il gestore.',
    MISCONFIGURED: 'Il server non è configurato correttamente per questo registro. Avvisi il gestore.',
    LIST_NOT_LIVE: 'Questo registro non accetta aggiunte tra una generazione e l’altra.',
    ADDITIONS_DISABLED: 'Questo server non accetta aggiunte ai registri.',
    TIMESTAMPS_DISABLED: 'Questo server non controfirma le ricevute.',
  },
  reasons: {
    NOT_ENTITLED:
      'numero di una parte del registro non coperta dal suo abbonamento: non è stato controllato, non lo chiami',
    EMPTY: 'nessun numero nella cella',
    NOT_A_NUMBER: 'non è un numero di telefono',
    INVALID_COUNTRY: 'prefisso internazionale sconosciuto',
    TOO_SHORT: 'troppo corto per un numero di telefono del suo paese',
    TOO_LONG: 'troppo lungo per un numero di telefono del suo paese',
    INVALID_LENGTH: 'lunghezza impossibile per il suo paese',
    EXCEL_SCIENTIFIC:
      'Excel ha mostrato il numero come 3,37E+10 e ha perso delle cifre: imposti la colonna come testo nel file originale e lo esporti di nuovo',
    SEVERAL_NUMBERS: 'più numeri nella stessa cella: inserisca un solo numero per cella',
    NO_FIELD: 'la riga è più corta dell’intestazione: manca la colonna del telefono',
    NO_VALID_READING:
      'non è un numero assegnato, comunque lo si legga (con o senza un +, uno 00 o uno 0 perso)',
    LEADING_MINUS:
      'inizia con un segno meno, come un numero negativo in un foglio di calcolo: scriva il numero senza il segno',
  },
  problems: {
    fileEmpty: 'Il file è vuoto.',
    fileNoHeader:
      'Il file non ha una riga di intestazione: la prima riga deve riportare i nomi delle colonne.',
    fileNotCsv:
      'Non è stato possibile leggere il file come una lista (virgolette o separatori danneggiati). Lo apra in Excel e lo salvi di nuovo come CSV o .xlsx.',
    kindPdf:
      'Questo è un documento PDF, non una lista di contatti. Esporti la lista dal programma che la contiene (il suo CRM, Excel) come CSV o Excel, poi scelga quel file.',
    kindImage:
      'Questa è un’immagine, non una lista di contatti. Esporti la lista dal programma che la contiene come CSV o Excel, poi scelga quel file.',
    kindWord:
      'Questo è un documento di testo, non una lista di contatti. Copi la tabella in Excel e la salvi come .xlsx, poi scelga quel file.',
    kindPresentation:
      'Questa è una presentazione, non una lista di contatti. Scelga il file CSV o Excel della lista.',
    kindArchive:
      'Questo è un archivio compresso. Prima lo estragga, poi scelga il file CSV o Excel che contiene.',
    kindXls:
      'Questo è un vecchio file Excel (.xls), che la pagina non legge. Lo apra in Excel e lo salvi come .xlsx (File › Salva con nome), poi scelga quel file.',
    kindHtml:
      'Questa è una pagina web salvata con il nome di un foglio di calcolo. La apra in Excel e la salvi come .xlsx, poi scelga quel file.',
    kindRtf:
      'Questo è un documento di testo (RTF), non una lista di contatti. Scelga il file CSV o Excel della lista.',
    kindProgram: 'Questo è un programma, non una lista di contatti. Scelga il file CSV o Excel della lista.',
    workbookUnreadable:
      'Non è stato possibile aprire il foglio di calcolo. Lo apra in Excel o LibreOffice, lo salvi di nuovo come .xlsx, poi scelga quel file.',
    workbookEmpty: 'Il primo foglio della cartella di lavoro è vuoto.',
    workbookTooBig:
      'Il foglio di calcolo è troppo grande per essere pulito in un browser. Lo salvi come CSV e scelga quel file, oppure usi lo strumento a riga di comando.',
    keyMalformed:
      'Questa non è una chiave di accesso: una chiave inizia con ql_ ed è un’unica parola lunga. La copi di nuovo dal messaggio del gestore.',
    listInvalid:
      'Il registro non ha superato il controllo della firma o dell’integrità, quindi non viene usato. Non proceda e avvisi il gestore.',
    listTooOld:
      'Il registro su questo server è troppo vecchio: le regole del registro non consentono di chiamare in base a esso. Avvisi il gestore.',
    pageOutdated: 'Questa pagina non è aggiornata rispetto al registro sul server. Ricarichi la pagina.',
    listChanged:
      'Il registro delle opposizioni è stato rinnovato durante il controllo. Ricarichi la pagina e ricominci.',
    secretMode:
      'Questo registro si può controllare solo inviando al server i numeri stessi, cosa che questa pagina non fa mai. Chieda al gestore lo strumento a riga di comando.',
    network: 'Non è stato possibile raggiungere il server. Controlli la connessione a internet e riprovi.',
    additionsUnavailable:
      'Non è stato possibile leggere le ultime aggiunte a questo registro, quindi non viene data alcuna risposta (un numero aggiunto negli ultimi minuti potrebbe sfuggire). Riprovi tra un minuto.',
    serverUnavailable: 'Il server non è al momento disponibile. Riprovi tra qualche minuto.',
    privateDownloads:
      'Questo server condivide il registro solo con gli abbonati: inserisca la sua chiave di accesso, poi riprovi.',
    unexpected:
      'Si è verificato un problema imprevisto. Ricarichi la pagina e riprovi; se succede di nuovo, avvisi il gestore.',
  },
};
