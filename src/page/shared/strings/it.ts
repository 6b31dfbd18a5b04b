/** Il testo italiano delle pagine: le stesse chiavi e gli stessi `{campi}` di en.ts. */
import type { PageStrings } from './en.ts';

export const it: PageStrings = {
  page: {
    scopeLegend: 'Di che cosa trattano le tue chiamate',
    scopeHelp:
      'Una persona può rifiutare solo alcune chiamate. Scegli come chiami e per quale argomento; nel dubbio lascia «qualsiasi»: così la pagina esclude chiunque ne abbia rifiutata una.',
    scopeChannel: 'Chiamate tramite',
    scopeSector: 'su',
    scopeAny: 'qualsiasi (la scelta più sicura)',
    partitionsHeld:
      'La tua chiave di accesso copre {count} {count|parte|parti} di questo elenco ({list}); solo {count|quella parte è stata scaricata|quelle parti sono state scaricate}. I numeri delle altre parti vanno tra le righe scartate, mai nell’elenco pulito.',
    title: 'Pulire una lista di contatti — quietlist',
    heading: 'Pulire una lista di contatti con il registro delle opposizioni',
    intro:
      'Scegli la tua lista di contatti. La pagina toglie i numeri delle persone iscritte per non ricevere chiamate commerciali e ti restituisce il file pronto all’uso, nello stesso formato. Il tuo file non lascia mai questo computer.',
    language: 'Lingua',
    statusLink: 'Informazioni sul servizio',
    noscript: 'Questa pagina ha bisogno di JavaScript: il tuo file viene controllato qui, in questo browser.',
    listLoading: 'Recupero del registro delle opposizioni…',
    listProgress: 'Recupero del registro delle opposizioni: {percent}',
    listReady:
      'Registro delle opposizioni del {date} pronto: {entries} {entries|numero iscritto|numeri iscritti}.',
    listFailed: 'Non è stato possibile caricare il registro delle opposizioni.',
    transferFresh:
      '{size} scaricati. Il registro viene conservato in questo browser: la prossima volta verranno scaricate solo le modifiche.',
    transferUpdated: 'Aggiornato con le ultime modifiche: {size} scaricati.',
    transferSame: 'Il registro conservato in questo browser è aggiornato.',
    transferNotKept:
      '{size} scaricati. Questo browser non può conservare il registro, quindi la prossima volta verrà scaricato di nuovo.',
    stepFile: '1. La tua lista di contatti',
    fileLabel: 'Scegli il file (CSV o Excel)',
    fileReading: 'Lettura del file…',
    fileRead: '{kind}: {rows} {rows|riga|righe}, {columns} {columns|colonna|colonne}.',
    kindCsv: 'File CSV',
    kindXlsx: 'File Excel',
    kindOds: 'Foglio di calcolo OpenDocument',
    stepColumns: '2. Le colonne con i numeri di telefono',
    columnsHelp:
      'Spunta ogni colonna che contiene un numero di telefono. Una riga viene tenuta solo se nessuno dei suoi numeri è nel registro.',
    columnUnnamed: 'Colonna {n}',
    columnsFound: 'Numeri di telefono trovati in: {names}.',
    stepKey: '3. La tua chiave di accesso',
    apiKeyLabel: 'Chiave di accesso',
    apiKeyHelp:
      'Fornita dall’operatore con il tuo abbonamento (inizia con ql_). Viene inviata solo a questo server, per contare i numeri controllati.',
    modeLegend: 'Il file principale contiene',
    modeDrop: 'solo le righe che puoi chiamare',
    modeFlag: 'tutte le righe, segnate in una colonna quietlist_status (listed, not_listed o invalid)',
    scrubButton: 'Pulisci la lista',
    progressCount: 'Conteggio dei numeri: riga {done} di {total} ({percent})',
    progressEvaluate: 'Controllo dei numeri con il server: {done} di {total} ({percent})',
    progressScrub: 'Smistamento delle righe: {done} di {total} ({percent})',
    planNeeded:
      'Questo file contiene {needed} {needed|numero mai controllato|numeri mai controllati}, e il tuo abbonamento ne consente ancora {remaining} oggi.',
    planToday:
      'Oggi la pagina può controllare {rowsToday} {rowsToday|riga|righe} su {rows}. {rest|La riga restante potrà essere controllata|Le altre {rest} righe potranno essere controllate} dal {resume}.',
    planMoreDays:
      'Con la tua quota giornaliera, per il resto serviranno poi altri {days} {days|giorno|giorni}.',
    planNothing:
      'Il tuo abbonamento non consente altri controlli oggi: le righe potranno essere controllate dal {resume}.',
    planContinue: 'Controlla {rowsToday} {rowsToday|riga|righe} oggi',
    planCancel: 'Non ora',
    done: 'Fatto: {rows} {rows|riga controllata|righe controllate}: {clean} da chiamare, {listed} nel registro delle opposizioni, {invalid} {invalid|scartata|scartate}.',
    stopped:
      'Non finito: {checked} {checked|riga controllata|righe controllate} su {total}. {unchecked|Una riga non è ancora stata controllata|{unchecked} righe non sono ancora state controllate}.',
    stoppedQuota: 'La quota del tuo abbonamento per oggi è esaurita.',
    resumeAt: 'Scegli di nuovo lo stesso file dal {time} per completarlo.',
    resumeLater: 'Scegli di nuovo lo stesso file più tardi per completarlo.',
    keptNote:
      'I numeri già controllati sono conservati in questo browser e non vengono conteggiati di nuovo.',
    notKeptNote: 'Questo browser non può conservare i numeri già controllati: verranno conteggiati di nuovo.',
    failed: 'Non è stato possibile pulire la lista.',
    noFile: 'Scegli prima un file.',
    noColumn: 'Spunta almeno una colonna con numeri di telefono.',
    needKey: 'Inserisci la tua chiave di accesso: questo registro si controlla con l’aiuto del server.',
    downloadsHeading: 'I tuoi file',
    downloadClean: 'Lista pulita: le righe che puoi chiamare',
    downloadCleanPartial: 'Righe controllate oggi che puoi chiamare',
    downloadFlagged: 'Tutte le righe, segnate nella loro colonna quietlist_status',
    downloadListed: 'Righe nel registro delle opposizioni: non chiamarle',
    downloadRejects: 'Righe scartate, ciascuna con il motivo',
    downloadUnchecked: 'Righe non ancora controllate: non chiamarle prima del controllo',
    downloadReceipt: 'Ricevuta: conservala come prova del controllo',
    receiptStamped: 'La ricevuta è controfirmata dall’operatore.',
    liveAdditions:
      'Anche {entries} {entries|numero aggiunto|numeri aggiunti} a questa lista dopo la sua ultima costruzione {entries|è stato verificato|sono stati verificati} (aggiunte firmate fino al n. {through}).',
    receiptLater: 'La ricevuta arriva con il file completato.',
    reasonsHeading: 'Perché alcune righe sono state scartate',
    reasonLine: '{count} × {reason}',
    privacyHeading: 'Che cosa lascia il tuo computer',
    privacyOpen:
      'Niente del tuo file. La pagina scarica il registro delle opposizioni firmato e controlla il tuo file qui, in questo browser.',
    privacyOprf:
      'Niente di leggibile del tuo file. Per ogni numero la pagina invia al server un codice cifrato da cui il server non può ricavare il numero; il server risponde con un codice che solo questo browser sa leggere, e il numero viene poi cercato qui. Il server scala i numeri dal tuo abbonamento, nient’altro.',
    privacySecret:
      'Questo registro si può controllare solo inviando al server i numeri stessi, cosa che questa pagina non fa mai. Chiedi all’operatore lo strumento a riga di comando.',
    verifyHeading: 'Verificare che il registro provenga dall’operatore',
    keyHelp:
      'La pagina verifica la firma del registro con la chiave dell’operatore qui sotto. Una volta, confronta la sua impronta carattere per carattere con quella che ti ha dato l’operatore (nel contratto, per lettera o per telefono). Se sono diverse, questa pagina non è quella dell’operatore: chiudila.',
    fingerprintLabel: 'Impronta della chiave',
    publicKeyLabel: 'Chiave completa',
    copyFingerprint: 'Copia l’impronta',
    copyPublicKey: 'Copia la chiave',
    copied: 'Copiato',
    excelSafeLabel: 'File da aprire in Excel: proteggerli dalle formule nelle celle',
    excelSafeHelp:
      "Excel, LibreOffice e Google Sheets eseguono come formula una cella che inizia con = + - o @ (o una tabulazione); con la casella spuntata, una tale cella riceve un ' davanti in un file CSV, e le formule di una cartella di lavoro sono scritte come i loro valori. I numeri e i numeri di telefono (+39 312 345 6789) non vengono mai modificati. Togliete la spunta per file destinati a un sistema di chiamata automatica o a un CRM, che ricevono allora ogni riga byte per byte.",
    formulasNeutralised:
      "{cells} {cells|cella che un foglio di calcolo avrebbe eseguito come formula è stata scritta|celle che un foglio di calcolo avrebbe eseguito come formule sono state scritte} come testo (con un ' davanti) o come valore.",
    formulasKept:
      '{cells} {cells|cella inizia|celle iniziano} con = + - o @ e {cells|è stata scritta così com’era|sono state scritte così com’erano}: un foglio di calcolo {cells|la eseguirebbe come formula|le eseguirebbe come formule}.',
    listIdentifier: 'Identificativo del registro: {epoch}',
  },
  status: {
    scopesLine:
      'Un’iscrizione può rifiutare solo alcuni canali ({channels}) o settori ({sectors}): le aziende verificano per le chiamate che fanno.',
    partitionsLine:
      'L’elenco è venduto in {count} {count|parte|parti}: ogni azienda scarica, e verifica, solo le parti del proprio abbonamento.',
    title: 'quietlist — registro delle opposizioni al telemarketing',
    heading: 'Il registro delle opposizioni, controllato senza condividere i tuoi file',
    intro:
      'Qui le persone iscrivono il proprio numero di telefono per non ricevere chiamate commerciali. Le aziende non devono chiamarle: per questo controllano le loro liste di contatti con questo registro prima di chiamare.',
    cta: 'Pulire una lista di contatti',
    ctaHelp: 'Nel tuo browser: il file resta sul tuo computer e non viene inviato a nessuno.',
    listOf: 'Il registro del {date} contiene {entries} {entries|numero iscritto|numeri iscritti}.',
    registerRules: '{register}: {validity} {window}',
    validityNever: 'le iscrizioni non scadono mai;',
    validityYears: 'un’iscrizione dura {years} {years|anno|anni};',
    windowDays: 'chiama solo da un registro vecchio al massimo {days} {days|giorno|giorni}.',
    windowNone: 'usa un registro vecchio al massimo un mese.',
    unavailable: 'Il registro non è disponibile in questo momento. {problem}',
    rollback:
      'Il server ha rifiutato un registro più vecchio che gli era stato proposto e continua a servire quello qui sopra (dal {time}).',
    refusedPointer:
      'Il server ha rifiutato l’ultimo elenco che gli è stato dato (scaduto, o con una firma non valida), e continua a servire quello sopra (dal {time}).',
    privacyHeading: 'Che cosa protegge questo registro',
    privacyOprf:
      'Ogni controllo richiede l’aiuto del server ed è scalato dall’abbonamento dell’azienda; il server non vede mai i numeri controllati, e il registro stesso non lascia mai l’operatore.',
    privacySecret:
      'I controlli passano da questo server, che vede i numeri controllati (non li registra); il registro stesso non lascia mai l’operatore.',
    privacyOpen:
      'Chiunque abbia i file di questo registro può provare qualsiasi numero senza connessione, e ricostruire il registro provando tutti i numeri: tutti i cellulari in {mobiles} con un solo computer, tutti i numeri in {all}. Questa modalità protegge le liste di contatti delle aziende, non le persone iscritte.',
    privacyOpenUnmeasured:
      'Chiunque abbia i file di questo registro può provare qualsiasi numero senza connessione, e ricostruire il registro provando tutti i numeri ({perSecond} al secondo con un solo computer). Questa modalità protegge le liste di contatti delle aziende, non le persone iscritte.',
    technicalHeading: 'Dettagli tecnici',
    technicalHelp: 'Per sviluppatori, integratori e revisori.',
    register: 'Registro',
    epoch: 'Identificativo del registro (epoca)',
    built: 'Generato',
    published: 'Pubblicato',
    expires: 'Annuncio valido fino al',
    expiresNote: '(firmato; l’operatore lo rinnova a ogni costruzione)',
    entries: 'Numeri iscritti',
    epsilon: 'Tasso di falsi positivi (ε)',
    epsilonValue: '{rate} (1 su {inverse})',
    mode: 'Modalità',
    shards: 'File del filtro',
    manifestHash: 'SHA-256 del manifesto',
    fingerprint: 'Impronta della chiave di firma',
    publicKey: 'Chiave pubblica di firma (base64)',
    pullHelp: 'Con la riga di comando, fissando la chiave, o l’impronta che ti ha dato l’operatore:',
    keyChain: 'Catena di chiavi',
    keyChainValue: 'chiave configurata {configured}, seguita fino a {current} tramite annunci firmati',
    nextKey: 'Prossima chiave di firma (annunciata)',
    nextKeyValue: '{next}: i registri successivi saranno firmati con questa; i client la seguono',
    links: 'Collegamenti',
    apiDocs: 'Documentazione dell’API',
    openApi: 'Documento OpenAPI',
    latestManifest: 'Ultimo manifesto firmato',
    thisManifest: 'Manifesto di questo registro',
    shardLink: '{bytes} byte',
    moreShards: '… altri {count} file del filtro: vedi il manifesto',
    health: 'Stato del servizio',
  },
  apiErrors: {
    INVALID_SCOPE:
      'La pagina ha chiesto un canale o un settore che questo elenco non ha. Ricarica la pagina e scegli di nuovo.',
    PARTITION_NOT_ENTITLED:
      'La tua chiave di accesso non copre questa parte dell’elenco. Chiedi all’operatore di aggiungerla al tuo abbonamento.',
    INVALID_JSON: 'Il server non ha capito la richiesta della pagina. Ricarica la pagina e riprova.',
    INVALID_REQUEST: 'Il server non ha capito la richiesta della pagina. Ricarica la pagina e riprova.',
    TOO_MANY_NUMBERS: 'La pagina ha inviato troppi numeri insieme. Ricarica la pagina e riprova.',
    INVALID_ELEMENT:
      'Il server ha rifiutato un numero cifrato inviato dalla pagina. Ricarica la pagina e riprova.',
    INVALID_PATH: 'La pagina ha chiesto al server qualcosa che non esiste. Ricarica la pagina.',
    NUMBER_IN_URL:
      'La richiesta della pagina è stata rifiutata perché il suo indirizzo sembrava un numero di telefono.',
    UNAUTHORIZED:
      'La tua chiave di accesso non è stata accettata. Verifica di averla copiata per intero; se il problema persiste, chiedi all’operatore se è ancora valida.',
    FORBIDDEN:
      'La tua chiave di accesso non permette di controllare numeri. Chiedi all’operatore una chiave che lo permetta.',
    NOT_FOUND: 'Il server non ha ciò che la pagina ha chiesto. Ricarica la pagina.',
    METHOD_NOT_ALLOWED: 'Il server ha rifiutato la richiesta della pagina. Ricarica la pagina.',
    PAYLOAD_TOO_LARGE: 'La pagina ha inviato troppi dati insieme. Ricarica la pagina e riprova.',
    UNSUPPORTED_MEDIA_TYPE: 'Il server non ha capito la richiesta della pagina. Ricarica la pagina.',
    RANGE_NOT_SATISFIABLE: 'Il registro è cambiato durante lo scaricamento. Ricarica la pagina.',
    RATE_LIMITED: 'Troppe richieste in poco tempo. Aspetta un minuto e riprova.',
    QUOTA_EXCEEDED: 'La quota del tuo abbonamento è esaurita fino al {time}.',
    OPRF_KEY_RETIRED:
      'Il registro delle opposizioni è stato rinnovato nel frattempo. Ricarica la pagina e ricomincia.',
    INTERNAL:
      'Il server ha avuto un problema imprevisto. Riprova tra qualche minuto; se continua, avvisa l’operatore.',
    UNSUPPORTED_MODE:
      'Questo server non può controllare questo registro da un browser. Rivolgiti all’operatore.',
    NO_EPOCH: 'Su questo server non è ancora stato pubblicato nessun registro delle opposizioni.',
    STORAGE_UNAVAILABLE: 'Il server non è disponibile al momento. Riprova tra qualche minuto.',
    INTEGRITY_FAILURE:
      'Il registro sul server non ha superato i suoi controlli, quindi il server si rifiuta di rispondere. Avvisa l’operatore.',
    STALE_EPOCH: 'Il server ha rifiutato un registro superato. Avvisa l’operatore.',
    POINTER_EXPIRED:
      'Il registro sul server è scaduto: l’operatore deve costruirne uno nuovo o eseguire quietlist renew. Fino ad allora il server si rifiuta di rispondere; avvisa l’operatore.',
    MISCONFIGURED: 'Il server non è configurato correttamente per questo registro. Avvisa l’operatore.',
    LIST_NOT_LIVE: 'Questa lista non accetta aggiunte tra una costruzione e l’altra.',
    ADDITIONS_DISABLED: 'Questo server non accetta aggiunte alle liste.',
    TIMESTAMPS_DISABLED: 'Questo server non controfirma le ricevute.',
  },
  reasons: {
    NOT_ENTITLED:
      'numero di una parte dell’elenco non coperta dal tuo abbonamento: non verificato, non chiamarlo',
    EMPTY: 'nessun numero nella cella',
    NOT_A_NUMBER: 'non è un numero di telefono',
    INVALID_COUNTRY: 'prefisso internazionale sconosciuto',
    TOO_SHORT: 'troppo corto per un numero del suo paese',
    TOO_LONG: 'troppo lungo per un numero del suo paese',
    INVALID_LENGTH: 'lunghezza impossibile per il suo paese',
    EXCEL_SCIENTIFIC:
      'Excel ha mostrato il numero come 3,37E+10 e ha perso delle cifre: imposta la colonna come testo nel file originale ed esportalo di nuovo',
    SEVERAL_NUMBERS: 'più numeri nella stessa cella: metti un solo numero per cella',
    NO_FIELD: 'la riga è più corta dell’intestazione: manca la colonna del telefono',
    NO_VALID_READING: 'non è un numero assegnato, comunque lo si legga (con o senza un +, 00 o 0 perso)',
    LEADING_MINUS:
      'inizia con un segno meno, come un numero negativo in un foglio di calcolo: scrivi il numero senza',
  },
  problems: {
    fileEmpty: 'Il file è vuoto.',
    fileNoHeader:
      'Il file non ha una riga di intestazione: la sua prima riga deve dare un nome alle colonne.',
    fileNotCsv:
      'Non è stato possibile leggere il file come una lista (virgolette o separatori danneggiati). Aprilo in Excel e salvalo di nuovo come CSV o .xlsx.',
    kindPdf:
      'Questo è un documento PDF, non una lista di contatti. Esporta la lista dal programma che la contiene (il tuo CRM, Excel) come CSV o Excel, poi scegli quel file.',
    kindImage:
      'Questa è un’immagine, non una lista di contatti. Esporta la lista dal programma che la contiene come CSV o Excel, poi scegli quel file.',
    kindWord:
      'Questo è un documento di testo, non una lista di contatti. Copia la tabella in Excel e salvala come .xlsx, poi scegli quel file.',
    kindPresentation:
      'Questa è una presentazione, non una lista di contatti. Scegli il file CSV o Excel della lista.',
    kindArchive:
      'Questo è un archivio compresso. Estrailo prima, poi scegli il file CSV o Excel che contiene.',
    kindXls:
      'Questo è un vecchio file Excel (.xls), che la pagina non legge. Aprilo in Excel e salvalo come .xlsx (File › Salva con nome), poi scegli quel file.',
    kindHtml:
      'Questa è una pagina web salvata con il nome di un foglio di calcolo. Aprila in Excel e salvala come .xlsx, poi scegli quel file.',
    kindRtf:
      'Questo è un documento di testo (RTF), non una lista di contatti. Scegli il file CSV o Excel della lista.',
    kindProgram: 'Questo è un programma, non una lista di contatti. Scegli il file CSV o Excel della lista.',
    workbookUnreadable:
      'Non è stato possibile aprire il foglio di calcolo. Aprilo in Excel o LibreOffice, salvalo di nuovo come .xlsx, poi scegli quel file.',
    workbookEmpty: 'Il primo foglio della cartella di lavoro è vuoto.',
    workbookTooBig:
      'Il foglio di calcolo è troppo grande per essere pulito in un browser. Salvalo come CSV e scegli quel file, oppure usa lo strumento a riga di comando.',
    keyMalformed:
      'Questa non è una chiave di accesso: una chiave inizia con ql_ ed è un’unica parola lunga. Copiala di nuovo dal messaggio dell’operatore.',
    listInvalid:
      'Il registro non ha superato il controllo della firma o dell’integrità, quindi non viene usato. Non andare avanti e avvisa l’operatore.',
    listTooOld:
      'Il registro di questo server è più vecchio di quanto il registro ufficiale consenta per chiamare. Avvisa l’operatore.',
    pageOutdated: 'Questa pagina non è aggiornata rispetto al registro del server. Ricarica la pagina.',
    listChanged:
      'Il registro delle opposizioni è stato rinnovato durante il controllo. Ricarica la pagina e ricomincia.',
    secretMode:
      'Questo registro si può controllare solo inviando al server i numeri stessi, cosa che questa pagina non fa mai. Chiedi all’operatore lo strumento a riga di comando.',
    network: 'Non è stato possibile raggiungere il server. Controlla la connessione a internet e riprova.',
    additionsUnavailable:
      'Non è stato possibile leggere le ultime aggiunte a questa lista, quindi non viene data alcuna risposta (un numero aggiunto negli ultimi minuti potrebbe mancare). Riprova tra un minuto.',
    serverUnavailable: 'Il server non è disponibile al momento. Riprova tra qualche minuto.',
    privateDownloads:
      'Questo server condivide il registro solo con gli abbonati: inserisci la tua chiave di accesso, poi riprova.',
    unexpected:
      'Si è verificato un problema imprevisto. Ricarica la pagina e riprova; se succede di nuovo, avvisa l’operatore.',
  },
};
